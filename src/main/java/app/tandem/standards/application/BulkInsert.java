package app.tandem.standards.application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Inserts rows many at a time: multi-row {@code INSERT ... VALUES (...), (...), ...} statements, themselves sent in
 * JDBC batches. Works the same on H2 and PostgreSQL (no driver-specific rewriting needed) and cuts the per-row
 * protocol and parsing cost that single-row batches pay.
 */
final class BulkInsert implements RowWriter {
    private static final int STATEMENTS_PER_BATCH = 10;

    private final Connection c;
    private final String table;
    private final String[] columns;
    private final int[] types;
    private final int rowsPerStatement;
    private final Object[][] buffer;
    private int buffered;
    private int pendingStatements;
    private PreparedStatement multi;
    private long rows;

    BulkInsert(Connection c, String table, String[] columns, int[] types, int rowsPerStatement) {
        this.c = c;
        this.table = table;
        this.columns = columns;
        this.types = types;
        this.rowsPerStatement = rowsPerStatement;
        this.buffer = new Object[rowsPerStatement][];
    }

    private String sql(int rowCount) {
        StringBuilder b = new StringBuilder("INSERT INTO ").append(table).append(" (").append(String.join(", ", columns)).append(") VALUES ");
        String one = "(" + "?,".repeat(columns.length - 1) + "?)";
        for (int r = 0; r < rowCount; r++) {
            if (r > 0) {
                b.append(',');
            }
            b.append(one);
        }
        return b.toString();
    }

    @Override
    public void add(Object... row) throws SQLException {
        buffer[buffered++] = row;
        rows++;
        if (buffered == rowsPerStatement) {
            if (multi == null) {
                multi = c.prepareStatement(sql(rowsPerStatement));
            }
            bind(multi, rowsPerStatement);
            multi.addBatch();
            buffered = 0;
            if (++pendingStatements >= STATEMENTS_PER_BATCH) {
                multi.executeBatch();
                pendingStatements = 0;
            }
        }
    }

    @Override
    public void flush() throws SQLException {
        if (pendingStatements > 0) {
            multi.executeBatch();
            pendingStatements = 0;
        }
        if (buffered > 0) {
            try (PreparedStatement rest = c.prepareStatement(sql(buffered))) {
                bind(rest, buffered);
                rest.executeUpdate();
            }
            buffered = 0;
        }
    }

    @Override
    public long rows() {
        return rows;
    }

    private void bind(PreparedStatement ps, int rowCount) throws SQLException {
        int p = 1;
        for (int r = 0; r < rowCount; r++) {
            Object[] row = buffer[r];
            for (int i = 0; i < columns.length; i++, p++) {
                Object v = row[i];
                if (v == null) {
                    ps.setNull(p, types[i]);
                } else if (v instanceof String s) {
                    ps.setString(p, s);
                } else if (v instanceof Integer n) {
                    ps.setInt(p, n);
                } else if (v instanceof Long n) {
                    ps.setLong(p, n);
                } else if (v instanceof Boolean bool) {
                    ps.setBoolean(p, bool);
                } else {
                    ps.setObject(p, v);
                }
            }
            buffer[r] = null;
        }
    }

    @Override
    public void close() {
        if (multi != null) {
            try {
                multi.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }
}
