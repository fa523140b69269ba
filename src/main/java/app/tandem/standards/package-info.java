/**
 * Standards library (issue 4, not built yet): frameworks (CASE CFDocuments and CSV imports) with versions,
 * standards (CFItems), associations and crosswalks, import jobs, the search index, and district enablement.
 */
package app.tandem.standards;
