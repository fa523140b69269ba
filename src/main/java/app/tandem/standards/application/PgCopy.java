package app.tandem.standards.application;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Method;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)} on the import's connection, for first imports of large
 * frameworks: rows are encoded in COPY's binary format and streamed to the server while the parser goes on, so the
 * server inserts while the next items are parsed, without per-statement parsing, planning and parameter binding,
 * and without scanning text for delimiters and escapes (the binary format carries each value's length; a text
 * value is its UTF-8 bytes).
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

    /** A writer for one table's columns, of the given {@link java.sql.Types} (VARCHAR, INTEGER, BIGINT, BOOLEAN). */
    Writer writer(String table, String[] columns, int[] types) {
        if (columns.length != types.length) {
            throw new IllegalArgumentException("one type per column");
        }
        for (int t : types) {
            if (t != Types.VARCHAR && t != Types.INTEGER && t != Types.BIGINT && t != Types.BOOLEAN) {
                throw new IllegalArgumentException("unsupported column type " + t);
            }
        }
        return new Writer("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)", types.clone());
    }

    /** Sends what is buffered and ends the current COPY (before any other statement on the connection). */
    void end() throws SQLException {
        if (active == null) {
            return;
        }
        try {
            ensure(2);
            putShort(-1); // binary trailer
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
        ensure(HEADER.length);
        System.arraycopy(HEADER, 0, buf, len, HEADER.length);
        len += HEADER.length;
    }

    /** Binary COPY header: signature, flags (0), header extension length (0). */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

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

    // ---- COPY binary encoding (big-endian) --------------------------------------------------------------------

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void putShort(int v) {
        buf[len++] = (byte) (v >> 8);
        buf[len++] = (byte) v;
    }

    private void putInt(int v) {
        buf[len++] = (byte) (v >> 24);
        buf[len++] = (byte) (v >> 16);
        buf[len++] = (byte) (v >> 8);
        buf[len++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >> 32));
        putInt((int) v);
    }

    /** One value: its length (-1 for NULL), then its bytes in the column type's binary form. */
    private void value(Object v, int type) {
        if (v == null) {
            ensure(4);
            putInt(-1);
            return;
        }
        switch (type) {
            case Types.VARCHAR -> {
                byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                ensure(4 + b.length);
                putInt(b.length);
                System.arraycopy(b, 0, buf, len, b.length);
                len += b.length;
            }
            case Types.INTEGER -> {
                ensure(8);
                putInt(4);
                putInt(((Number) v).intValue());
            }
            case Types.BIGINT -> {
                ensure(12);
                putInt(8);
                putLong(((Number) v).longValue());
            }
            default -> { // BOOLEAN
                ensure(5);
                putInt(1);
                buf[len++] = (byte) (((Boolean) v) ? 1 : 0);
            }
        }
    }

    /** Rows of one table; {@link #add} starts this table's COPY when another one (or none) is running. */
    final class Writer implements RowWriter {
        private final String sql;
        private final int[] types;
        private long rows;

        private Writer(String sql, int[] types) {
            this.sql = sql;
            this.types = types;
        }

        @Override
        public void add(Object... row) throws SQLException {
            if (row.length != types.length) {
                throw new IllegalArgumentException("expected " + types.length + " values, got " + row.length);
            }
            if (activeWriter != this) {
                begin(this);
            }
            ensure(2);
            putShort(types.length);
            for (int i = 0; i < row.length; i++) {
                value(row[i], types[i]);
            }
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
