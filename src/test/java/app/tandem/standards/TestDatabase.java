package app.tandem.standards;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 (MODE=LEGACY, as in production) with Tandem's Flyway schema and one district. */
public final class TestDatabase {
    public static final Path DATA = Path.of(System.getProperty("tandem.standards.data", "../shared/data/standards"));

    public final JdbcDataSource dataSource = new JdbcDataSource();
    public final String districtId = UUID.randomUUID().toString();

    public TestDatabase() {
        dataSource.setURL("jdbc:h2:mem:std-" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").callbackLocations(new String[0]).load().migrate();
        addDistrict(districtId, "Test district");
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
