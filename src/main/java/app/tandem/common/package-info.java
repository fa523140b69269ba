/**
 * Small cross-cutting pieces with no business meaning, usable from every slice: server settings,
 * template rendering and the htmx fragments' HTML responses ({@link app.tandem.common.HtmlFragments}),
 * JSON error bodies, the admin-API bearer check, secure random tokens and the
 * plain-JDBC plumbing of the reporting stores ({@link app.tandem.common.Jdbc}) and the district audit log
 * ({@link app.tandem.common.AuditTrail}).
 * Nothing here imports another Tandem package.
 */
package app.tandem.common;
