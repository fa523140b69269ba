package app.tandem.standards;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh database with Tandem's Flyway schema and one district: in-memory H2 (MODE=LEGACY, as in production), or
 * with {@link #postgres()} a new database in an embedded PostgreSQL shared by the test JVM (the import then writes
 * with COPY, as in production on PostgreSQL).
 */
public final class TestDatabase {
    public static final Path DATA = Path.of(System.getProperty("tandem.standards.data", "../shared/data/standards"));
    private static EmbeddedPostgres postgres;

    public final DataSource dataSource;
    public final String districtId = UUID.randomUUID().toString();

    public TestDatabase() {
        this(h2());
    }

    private TestDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").callbackLocations(new String[0]).load().migrate();
        addDistrict(districtId, "Test district");
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:std-" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("");
        return h2;
    }

    /** A new, empty database in the JVM's embedded PostgreSQL (started on first use, stopped with the JVM). */
    public static synchronized TestDatabase postgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("tandem-std-pg"))
                        .setCleanDataDirectory(true).start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (java.io.IOException ignored) {
                        // the JVM is going away
                    }
                }));
            }
            String name = "std_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            return new TestDatabase(postgres.getDatabase("postgres", name));
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL", e);
        }
    }

    public void addDistrict(String id, String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO district (id, name, created_at) VALUES (?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setObject(3, OffsetDateTime.now());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    public long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String string(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared data folder, from the worktree or the main checkout. */
    public static Path data(String file) {
        for (Path base : new Path[] {DATA, Path.of("/work/shared/data/standards"), Path.of("../../shared/data/standards")}) {
            Path p = base.resolve(file);
            if (p.toFile().isFile()) {
                return p;
            }
        }
        throw new IllegalStateException("standards data file not found: " + file);
    }
}
