/** LTI entities (registrations, deployments, people, sections, memberships, nonces, launch sessions, tool keys) and their repositories. */
package app.tandem.lti.domain;
