/**
 * Use cases of the standards library: streaming CASE and CSV parsers, the all-or-nothing importer with its
 * validation report, background import jobs, the Lucene search index, browsing, district enablement and exports.
 */
package app.tandem.standards.application;
