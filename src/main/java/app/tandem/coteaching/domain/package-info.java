/**
 * Co-teaching's tables: entities (invitations, policy, audit, plans, revisions, comments) and plain-JDBC stores
 * (link groups, presence).
 */
package app.tandem.coteaching.domain;
