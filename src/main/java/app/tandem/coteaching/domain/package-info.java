/** Co-teaching's tables: entities (plans, revisions, comments) and plain-JDBC stores (link groups, presence). */
package app.tandem.coteaching.domain;
