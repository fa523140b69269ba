package app.tandem.standards.application;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Method;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PostgreSQL {@code COPY ... FROM STDIN} on the import's connection, for first imports of large frameworks: rows
 * are encoded in COPY's text format and streamed to the server while the parser goes on, so the server inserts
 * while the next items are parsed, and without per-statement parsing, planning and parameter binding.
 *
 * <p>The driver's copy API ({@code org.postgresql.PGConnection.getCopyAPI()}) is reached by reflection through
 * {@link Connection#unwrap}: outside Liberty (tests, benchmarks) the driver is on the class path; inside Liberty the
 * connection is a wrapper and the driver's classes live in the server's JDBC library, not in the application, so
 * the interface is loaded from the class loader of an object the driver made ({@link Connection#createArrayOf}).
 * Liberty's wrapper hands out vendor interfaces as proxies on the same physical connection, so the COPY belongs to
 * the import's transaction. When none of this works (another database, another driver) {@link #open} answers
 * null and the import uses multi-row INSERTs ({@link BulkInsert}).
 *
 * <p>One COPY at a time per connection: a writer for another table, or any other statement, ends the current one
 * first ({@link #end}). COPY rows are part of the transaction: a rollback discards them like any INSERT.
 */
final class PgCopy implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PgCopy.class.getName());
    private static final int SEND_AT = 256 * 1024;
    private static final java.util.concurrent.atomic.AtomicBoolean REPORTED = new java.util.concurrent.atomic.AtomicBoolean();

    private final Object copyManager;
    private final Method copyIn;
    private final Method writeToCopy;
    private final Method endCopy;
    private final Method cancelCopy;
    private final Method isActive;

    private Object active;
    private Writer activeWriter;
    private byte[] buf = new byte[SEND_AT + 64 * 1024];
    private int len;

    private PgCopy(Object copyManager, Class<?> copyInType) throws ReflectiveOperationException {
        this.copyManager = copyManager;
        this.copyIn = copyManager.getClass().getMethod("copyIn", String.class);
        this.writeToCopy = copyInType.getMethod("writeToCopy", byte[].class, int.class, int.class);
        this.endCopy = copyInType.getMethod("endCopy");
        this.cancelCopy = copyInType.getMethod("cancelCopy");
        this.isActive = copyInType.getMethod("isActive");
    }

    /** The copy API of a PostgreSQL connection, or null when it cannot be reached (then: multi-row INSERTs). */
    static PgCopy open(Connection c) {
        if (Boolean.getBoolean("tandem.standards.no-copy")) {
            return null;
        }
        try {
            if (!"PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
                return null;
            }
            Class<?> pgConnection = driverClass(c, "org.postgresql.PGConnection");
            if (pgConnection == null || !c.isWrapperFor(pgConnection)) {
                return null;
            }
            Object pg = c.unwrap(pgConnection);
            Object manager = pgConnection.getMethod("getCopyAPI").invoke(pg);
            Class<?> copyInType = Class.forName("org.postgresql.copy.CopyIn", false, pgConnection.getClassLoader());
            PgCopy copy = new PgCopy(manager, copyInType);
            if (REPORTED.compareAndSet(false, true)) {
                boolean own = pgConnection.getClassLoader() == PgCopy.class.getClassLoader();
                LOG.info(() -> "Standards imports write new rows with PostgreSQL COPY (driver API from "
                        + (own ? "the application's class path" : "the JDBC library's class loader") + ")");
            }
            return copy;
        } catch (SQLException | ReflectiveOperationException | LinkageError | RuntimeException e) {
            if (REPORTED.compareAndSet(false, true)) {
                LOG.log(Level.INFO, "PostgreSQL COPY is not reachable (" + e + "); standards imports use multi-row INSERTs");
            }
            return null;
        }
    }

    /** The driver's class: from the application's class path, else from the loader of an object the driver made. */
    private static Class<?> driverClass(Connection c, String name) throws SQLException {
        try {
            return Class.forName(name, false, PgCopy.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError notVisible) {
            Array probe = c.createArrayOf("int4", new Object[0]);
            try {
                return Class.forName(name, false, probe.getClass().getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            } finally {
                probe.free();
            }
        }
    }

    /** A writer for one table's columns (COPY text format). */
    Writer writer(String table, String[] columns) {
        return new Writer("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN", columns.length);
    }

    /** Sends what is buffered and ends the current COPY (before any other statement on the connection). */
    void end() throws SQLException {
        if (active == null) {
            return;
        }
        try {
            send();
            call(endCopy, active);
        } finally {
            active = null;
            activeWriter = null;
        }
    }

    /** Abandons the current COPY (the transaction is being rolled back anyway). */
    void cancel() {
        if (active == null) {
            return;
        }
        try {
            if ((Boolean) isActive.invoke(active)) {
                cancelCopy.invoke(active);
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // the rollback that follows discards everything
        } finally {
            active = null;
            activeWriter = null;
            len = 0;
        }
    }

    @Override
    public void close() {
        cancel();
    }

    private void begin(Writer w) throws SQLException {
        end();
        active = call(copyIn, copyManager, w.sql);
        activeWriter = w;
    }

    private void send() throws SQLException {
        if (len > 0) {
            call(writeToCopy, active, buf, 0, len);
            len = 0;
        }
    }

    private static Object call(Method m, Object target, Object... args) throws SQLException {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new SQLException("COPY failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new SQLException("COPY not accessible", e);
        }
    }

    // ---- COPY text encoding -----------------------------------------------------------------------------------

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void put(byte b) {
        buf[len++] = b;
    }

    /**
     * A string in COPY text format, UTF-8: backslash, tab, newline and carriage return escaped. Escaping works on the
     * UTF-8 bytes because those four bytes never occur inside a multi-byte sequence.
     */
    private void text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(b.length * 2);
        int from = 0;
        for (int i = 0; i < b.length; i++) {
            byte x = b[i];
            byte esc = x == '\\' ? (byte) '\\' : x == '\t' ? (byte) 't' : x == '\n' ? (byte) 'n' : x == '\r' ? (byte) 'r' : 0;
            if (esc != 0) {
                System.arraycopy(b, from, buf, len, i - from);
                len += i - from;
                buf[len++] = '\\';
                buf[len++] = esc;
                from = i + 1;
            }
        }
        System.arraycopy(b, from, buf, len, b.length - from);
        len += b.length - from;
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n + 1);
        for (int i = 0; i < n; i++) {
            put((byte) s.charAt(i));
        }
    }

    /** Rows of one table; {@link #add} starts this table's COPY when another one (or none) is running. */
    final class Writer implements RowWriter {
        private final String sql;
        private final int columns;
        private long rows;

        private Writer(String sql, int columns) {
            this.sql = sql;
            this.columns = columns;
        }

        @Override
        public void add(Object... row) throws SQLException {
            if (row.length != columns) {
                throw new IllegalArgumentException("expected " + columns + " values, got " + row.length);
            }
            if (activeWriter != this) {
                begin(this);
            }
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    ensure(1);
                    put((byte) '\t');
                }
                Object v = row[i];
                if (v == null) {
                    ensure(2);
                    put((byte) '\\');
                    put((byte) 'N');
                } else if (v instanceof String s) {
                    text(s);
                } else if (v instanceof Boolean b) {
                    ensure(1);
                    put((byte) (b ? 't' : 'f'));
                } else if (v instanceof Number) {
                    ascii(v.toString());
                } else {
                    text(v.toString());
                }
            }
            ensure(1);
            put((byte) '\n');
            rows++;
            if (len >= SEND_AT) {
                send();
            }
        }

        @Override
        public void flush() throws SQLException {
            if (activeWriter == this) {
                end();
            }
        }

        @Override
        public long rows() {
            return rows;
        }

        @Override
        public void close() {
            // the session (PgCopy) owns the COPY; FrameworkImport ends or cancels it
        }
    }
}
