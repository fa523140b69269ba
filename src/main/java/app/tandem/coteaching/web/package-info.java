/**
 * Co-teaching pages and API: the teacher's linked-sections panel (/app/links), the coordinator's policy panel and
 * link log (/app/district/coteaching-policy), and the JSON API under /api/linkgroups.
 */
package app.tandem.coteaching.web;
