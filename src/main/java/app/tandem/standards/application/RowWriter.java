package app.tandem.standards.application;

import java.sql.SQLException;

/** Rows of one table written in bulk by an import: multi-row INSERTs ({@link BulkInsert}) or PostgreSQL COPY ({@link PgCopy}). */
interface RowWriter extends AutoCloseable {
    void add(Object... row) throws SQLException;

    /** Sends every row added so far (before other statements need the connection). */
    void flush() throws SQLException;

    long rows();

    @Override
    void close();
}
