package app.tandem.common;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway (classpath:db/migration) when the application starts, before anything
 * touches the database. Several servers starting at once are safe: Flyway serialises them with a database lock.
 */
@ApplicationScoped
public class DatabaseMigration {
    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "jdbc/tandem")
    DataSource dataSource;

    private volatile boolean migrated;

    void onStart(@Observes @Priority(1) @Initialized(ApplicationScoped.class) Object ignored) {
        MigrateResult result = Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .callbackLocations(new String[0])
                .failOnMissingLocations(true)
                .load()
                .migrate();
        migrated = true;
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " ("
                + result.migrationsExecuted + " migrations applied now, database " + result.database + ")");
    }

    public boolean migrated() {
        return migrated;
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
