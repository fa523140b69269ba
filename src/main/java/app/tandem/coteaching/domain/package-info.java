/** Co-teaching entities: link groups and their sections, invitations, district policy, the link audit log. */
package app.tandem.coteaching.domain;
