/** Alignment's services and transactions: course maps, alignments, suggestions, coverage, the student view. */
package app.tandem.alignment.application;
