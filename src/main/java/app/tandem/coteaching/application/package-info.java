/**
 * Co-teaching services: invitations and link groups ({@code LinkGroups}, {@code Linking}), the district's
 * co-teaching policy ({@code CoteachingPolicies}), the link audit log, alignment's {@code LinkedSections} SPI, and
 * plans: templates, revisions, three-way merge, comments, presence and student agendas.
 */
package app.tandem.coteaching.application;
