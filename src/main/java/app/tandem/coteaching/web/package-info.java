/**
 * Co-teaching pages and API: the teacher's linked-sections panel (/app/links) and plans (/app/plans…), students'
 * agenda (/app/agenda), the coordinator's policy panel and link log (/app/district/coteaching-policy), and the JSON
 * API under /api/linkgroups and /api/plans.
 */
package app.tandem.coteaching.web;
