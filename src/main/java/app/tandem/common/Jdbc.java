package app.tandem.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The plain-JDBC plumbing of the reporting stores: queries with positional parameters and a row mapper, streamed
 * reads, updates, local transactions and IN-list chunks. A failure becomes the store's own unchecked exception
 * ({@code failure}); inside {@link #transaction} the work throws {@link SQLException} and the transaction is rolled back.
 * Inside {@link #together} every call on the thread, of any {@code Jdbc}, shares one connection and one transaction.
 */
public final class Jdbc {
    /** The connection of the {@link #together} block running on this thread, if any. */
    private static final ThreadLocal<Connection> SHARED = new ThreadLocal<>();

    private final DataSource dataSource;
    private final Function<SQLException, ? extends RuntimeException> failure;

    public Jdbc(DataSource dataSource, Function<SQLException, ? extends RuntimeException> failure) {
        this.dataSource = dataSource;
        this.failure = failure;
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Consumes one row of a streamed read. */
    @FunctionalInterface
    public interface RowAction {
        void on(ResultSet rs) throws SQLException;
    }

    /** Work on one connection inside a local transaction. */
    @FunctionalInterface
    public interface Work {
        void in(Connection c) throws SQLException;
    }

    /** Work on one connection that answers a value. */
    @FunctionalInterface
    public interface Call<T> {
        T on(Connection c) throws SQLException;
    }

    /** Work on one chunk of an IN list: the chunk's values and as many "?" placeholders, comma-separated. */
    @FunctionalInterface
    public interface Chunk<T, E extends Exception> {
        void on(List<T> chunk, String placeholders) throws E;
    }

    /** A connection for one call: the shared one of a {@link #together} block (left open), or a fresh one (closed after). */
    private record Lease(Connection connection, boolean shared) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (!shared) {
                connection.close();
            }
        }
    }

    private Lease lease() throws SQLException {
        Connection c = SHARED.get();
        return c != null ? new Lease(c, true) : new Lease(dataSource.getConnection(), false);
    }

    /**
     * Runs the work in one local transaction that every JDBC call on this thread joins (whichever store makes it):
     * committed when the work returns, rolled back when it throws. A change and its audit entry are written so: both
     * or neither. Nested blocks join the outer one. Not for use inside a JTA transaction (the container's connection
     * already joins that).
     */
    public <T> T together(Supplier<T> work) {
        if (SHARED.get() != null) {
            return work.get();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            SHARED.set(c);
            try {
                T result = work.get();
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                SHARED.remove();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    /** All rows of a query. */
    public <T> List<T> query(String sql, Row<T> row, Object... args) {
        return queryMax(sql, row, 0, args);
    }

    /** At most {@code maxRows} rows of a query (0: all). */
    public <T> List<T> queryMax(String sql, Row<T> row, int maxRows, Object... args) {
        try (Lease lease = lease()) {
            return queryMax(lease.connection(), sql, row, maxRows, args);
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    /** Each row of a query, read {@code fetchSize} at a time (0: the driver's default), in the caller's transaction if any. */
    public void forEach(String sql, int fetchSize, RowAction action, Object... args) {
        try (Lease lease = lease()) {
            forEach(lease.connection(), sql, fetchSize, action, args);
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    /**
     * Streams the rows of a query {@code fetchSize} at a time (PostgreSQL streams with a fetch size only inside a
     * transaction, so the read runs in one and is rolled back).
     */
    public void stream(String sql, int fetchSize, RowAction action, Object... args) {
        try (Lease lease = lease()) {
            if (lease.shared()) {
                forEach(lease.connection(), sql, fetchSize, action, args);
                return;
            }
            Connection c = lease.connection();
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                forEach(c, sql, fetchSize, action, args);
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    /** One statement on its own connection (auto-commit) or in the {@link #together} block; the count of rows it changed. */
    public int update(String sql, Object... args) {
        try (Lease lease = lease()) {
            return exec(lease.connection(), sql, args);
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    /** Runs the work on one connection, in the caller's transaction if there is one (nothing committed or rolled back here). */
    public <T> T withConnection(Call<T> call) {
        try (Lease lease = lease()) {
            return call.on(lease.connection());
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    /**
     * Runs the work in one local transaction: committed when it returns, rolled back when it throws (inside a
     * {@link #together} block: part of that block's transaction).
     */
    public void transaction(Work work) {
        try (Lease lease = lease()) {
            Connection c = lease.connection();
            if (lease.shared()) {
                work.in(c);
                return;
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.in(c);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    private static void forEach(Connection c, String sql, int fetchSize, RowAction action, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(fetchSize);
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    action.on(rs);
                }
            }
        }
    }

    /** All rows of a query on the given connection. */
    public static <T> List<T> query(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        return queryMax(c, sql, row, 0, args);
    }

    private static <T> List<T> queryMax(Connection c, String sql, Row<T> row, int maxRows, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.setMaxRows(maxRows);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    /** One statement on the given connection; the count of rows it changed. */
    public static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /** Binds positional parameters; a null is sent as an untyped NULL (the database infers the type). */
    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }

    /** {@code n} comma-separated placeholders ("?,?,?"); n ≥ 1. */
    public static String placeholders(int n) {
        return "?" + ",?".repeat(n - 1);
    }

    /** Splits the values (in their order) into chunks of at most {@code size}, for IN lists of bounded length. */
    public static <T, E extends Exception> void inChunks(Collection<T> values, int size, Chunk<T, E> action) throws E {
        List<T> list = values instanceof List<T> l ? l : new ArrayList<>(values);
        for (int from = 0; from < list.size(); from += size) {
            List<T> chunk = list.subList(from, Math.min(list.size(), from + size));
            action.on(chunk, placeholders(chunk.size()));
        }
    }

    /** Parameters in order, each collection among them expanded in place (the values of an IN list). */
    public static Object[] args(Object... parts) {
        List<Object> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Collection<?> values) {
                out.addAll(values);
            } else {
                out.add(part);
            }
        }
        return out.toArray();
    }

    /** A unique-key (or other integrity) violation, SQLState class 23: typically a concurrent writer got there first. */
    public static boolean isDuplicate(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
