/** Benchmarks of alignment suggestions (run by hand, not part of the test suite): see docs/benchmarks.md. */
package app.tandem.alignment.bench;
