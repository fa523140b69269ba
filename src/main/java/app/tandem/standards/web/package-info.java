/**
 * Pages (htmx fragments under /app/standards) and the JSON API (/api/standards) of the standards library. The
 * launch session is resolved from the X-Tandem-Session header through {@code lti.api.LaunchSessions}.
 */
package app.tandem.standards.web;
