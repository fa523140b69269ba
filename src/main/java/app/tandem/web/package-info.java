/**
 * The page shell: the JAX-RS application, static assets, the layout, the home page each role lands on after a
 * launch, error pages and JSON errors, and the security headers every response carries. It holds no business
 * logic: it reads the {@link app.tandem.lti.api.LaunchContext} and asks feature services.
 */
package app.tandem.web;
