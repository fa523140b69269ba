/**
 * Alignment (issue 5, not built yet): course maps (units and items) per section, alignments of items to
 * standards, ranked suggestions, coverage reports and heatmaps, and the student view.
 */
package app.tandem.alignment;
