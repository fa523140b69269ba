/** Benchmarks of the standards library (run by hand, not part of the test suite): see docs/benchmarks.md. */
package app.tandem.standards.bench;
