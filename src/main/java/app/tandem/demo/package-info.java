/**
 * The demo LMS: a small but real LTI 1.3 platform inside the same server, for newcomers without an LMS and for
 * browser tests. It has its own RSA key and JWKS, an OIDC auth endpoint that signs id_tokens, a sample district
 * with two course sections, teachers, students and a coordinator, and course pages that launch Tandem in an
 * iframe on a different origin (127.0.0.1 vs localhost). It registers itself through {@code lti}'s public
 * registration API exactly as a real platform is registered. On by default; TANDEM_DEMO=false turns it off.
 * Nothing else imports this package.
 */
package app.tandem.demo;
