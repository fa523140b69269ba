/** Co-teaching's services and transactions: plans, templates, revisions, three-way merge, comments, agendas. */
package app.tandem.coteaching.application;
