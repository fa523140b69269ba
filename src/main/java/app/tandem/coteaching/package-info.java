/**
 * Co-teaching (issue 6, not built yet): link groups of sections, invitations, co-teaching plans with revisions,
 * merge and comments, student agendas and the iCalendar feed.
 */
package app.tandem.coteaching;
