/**
 * Classes that break each architecture rule on purpose, in a package tree shaped like {@code app.tandem}, so that
 * {@link app.tandem.ArchitectureRulesTest} can show every rule of {@link app.tandem.ArchitectureRules} fails when it
 * should. Never imported by {@link app.tandem.ArchitectureTest} (tests are excluded there).
 */
package app.tandem.archfixture;
