/** The only part of {@code lti} that other packages may use. */
package app.tandem.lti.api;
