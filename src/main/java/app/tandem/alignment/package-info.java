/**
 * Alignment (issue 5): course maps (units and items) per section, alignments of items to standards, ranked
 * suggestions, coverage reports and heatmaps, and the student view. Reads standards through
 * {@code standards.application.StandardsCatalog}; learns about link groups through {@code LinkedSections}, which the
 * co-teaching feature implements.
 */
package app.tandem.alignment;
