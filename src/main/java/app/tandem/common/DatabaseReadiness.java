package app.tandem.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the schema is migrated and the database answers. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
    @Inject
    DatabaseMigration migration;

    @Override
    public HealthCheckResponse call() {
        if (!migration.migrated()) {
            return HealthCheckResponse.named("database").down().withData("reason", "schema migration not finished").build();
        }
        try (Connection c = migration.dataSource().getConnection()) {
            boolean valid = c.isValid(2);
            return HealthCheckResponse.named("database").status(valid)
                    .withData("product", c.getMetaData().getDatabaseProductName()).build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("database").down().withData("reason", e.getClass().getSimpleName()).build();
        }
    }
}
