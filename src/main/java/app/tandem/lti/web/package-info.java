/** JAX-RS adapters of {@code lti}: login initiation, launch, JWKS, the registrations admin API and the rejection page. */
package app.tandem.lti.web;
