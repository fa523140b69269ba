/**
 * Records of the standards library (framework, item, association, import report) and {@link
 * app.tandem.standards.domain.StandardsStore}, the JDBC store behind them. Plain JDBC rather than JPA: imports
 * write hundreds of thousands of rows in one transaction with batches, and the search index streams them back.
 */
package app.tandem.standards.domain;
