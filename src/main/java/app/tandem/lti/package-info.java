/**
 * LTI 1.3 Core (and later Advantage) on Nimbus JOSE JWT: platform registrations and deployments, OIDC login
 * initiation, id_token validation, nonces, launch sessions, the tool's keys and JWKS, and the roster learned
 * from launches (people, sections, memberships).
 *
 * <p>Its public face is {@link app.tandem.lti.api}: features see a {@link app.tandem.lti.api.LaunchContext}
 * (who, which section, which roles, which district) and nothing else. This package imports no feature; what it
 * needs from them (does a district exist, what to show after a launch) it asks through the small interfaces in
 * {@code api} that features implement.
 *
 * <ul>
 *   <li>{@code domain} — entities and repositories.</li>
 *   <li>{@code application} — login, launch validation, sessions, keys, registrations.</li>
 *   <li>{@code web} — JAX-RS adapters: /lti/login, /lti/launch, /.well-known/jwks.json, /api/admin/registrations.</li>
 * </ul>
 */
package app.tandem.lti;
