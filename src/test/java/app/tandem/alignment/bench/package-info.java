/** Alignment benchmarks, run by hand (not part of the test suite): suggestion quality and the coverage roll-up; see docs/benchmarks.md. */
package app.tandem.alignment.bench;
