/**
 * Co-teaching services: invitations and link groups ({@code LinkGroups}), the district's co-teaching policy
 * ({@code CoteachingPolicies}), the link audit log, and alignment's {@code LinkedSections} SPI.
 */
package app.tandem.coteaching.application;
