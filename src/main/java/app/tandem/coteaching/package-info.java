/**
 * Co-teaching (issue 6): link groups of sections, invitations and district linking policy, co-teaching plans with
 * revisions, merge and comments, student agendas, the iCalendar feed and print/PDF. Implements alignment's
 * {@code LinkedSections} so course maps and coverage can span a link group.
 */
package app.tandem.coteaching;
