package app.tandem.standards.application;

import app.tandem.standards.TestDatabase;

/** Every CSV and export test on an embedded PostgreSQL, where new rows are written with COPY. */
class CsvAndExportOnPostgresTest extends CsvAndExportTest {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
