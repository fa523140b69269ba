/**
 * LTI application services: OIDC login initiation ({@link app.tandem.lti.application.LoginInitiation}), the
 * launch ({@link app.tandem.lti.application.MessageLaunch}) with its pure validator
 * ({@link app.tandem.lti.application.IdTokenValidator}), launch sessions, the tool's keys and registrations.
 */
package app.tandem.lti.application;
