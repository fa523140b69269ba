/** Alignment's entities (JPA, one per al_* table) and read models. */
package app.tandem.alignment.domain;
