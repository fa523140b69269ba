package app.tandem.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a real PostgreSQL (zonky embedded binaries) before the PostgreSQL pass of the integration tests, i.e.
 * before Arquillian starts Liberty, whose DB_URL the failsafe execution points at this port. Does nothing in
 * other test runs.
 */
public class PostgresForIntegrationTests implements LauncherSessionListener {
    private EmbeddedPostgres postgres;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!"postgres".equals(System.getProperty("tandem.it.database"))) {
            return;
        }
        try {
            // Never under target/: 'mvn clean' under a running postmaster kills it.
            Path dir = Files.createTempDirectory("tandem-it-pg");
            postgres = EmbeddedPostgres.builder()
                    .setPort(Integer.getInteger("tandem.it.pgPort", 55432))
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for the integration tests", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is ending; the postmaster is stopped by its shutdown hook anyway
            }
        }
    }
}
