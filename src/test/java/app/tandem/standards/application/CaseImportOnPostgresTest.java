package app.tandem.standards.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.standards.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** Every CASE import test on an embedded PostgreSQL, where new rows are written with COPY. */
class CaseImportOnPostgresTest extends CaseImportTest {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Test
    void newRowsAreWrittenWithCopy() throws Exception {
        try (Connection c = db.transaction(); PgCopy copy = PgCopy.open(c)) {
            assertThat(copy).as("the driver's COPY API is reachable").isNotNull();
        }
    }
}
