/**
 * Standards library (issue 4): frameworks (CASE CFDocuments and CSV imports) with versions, standards (CFItems),
 * associations and crosswalks, background import jobs with validation reports, the per-server Lucene search index,
 * and district enablement. {@code domain} holds the records and the JDBC store, {@code application} the parsers,
 * the importer, search and the services, {@code web} the pages under /app/standards and the JSON API under
 * /api/standards. Uses only {@code common} and {@code lti.api}; frameworks belong to the district that imported them.
 */
package app.tandem.standards;
