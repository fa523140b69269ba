package app.tandem.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One slice's share of a district's data, for the district's data export and erasure (docs/operations.md, "District
 * data export and erasure"). Each slice that owns tables (lti, standards, alignment, coteaching, district) provides
 * one CDI bean naming ITS tables; the district slice's orchestrator collects them, so no slice reads another's tables.
 *
 * <p>A table is described by a SQL condition on its own columns ({@link Table#where}) whose every {@code ?} is the
 * district id: the export reads {@code SELECT * FROM table WHERE where} (without the table's secret columns), the
 * page counts with it, and the default {@link #erase} runs {@code DELETE FROM table WHERE where} table by table.
 */
public interface DistrictDataPart {
    /**
     * One table of the part. {@code file} is the JSON Lines file of the export (null: the table is not exported, and
     * {@code description} says why; its rows are still erased); {@code omitted} are columns never exported (secrets).
     */
    record Table(String name, String file, String description, String where, List<String> omitted, String omittedWhy) {
        public Table {
            omitted = omitted == null ? List.of() : List.copyOf(omitted);
        }

        public static Table of(String name, String file, String description, String where) {
            return new Table(name, file, description, where, List.of(), null);
        }

        /** A table whose rows are erased but never exported: {@code why} says why. */
        public static Table notExported(String name, String why, String where) {
            return new Table(name, null, why, where, List.of(), null);
        }

        /** The same table without the named columns in the export ({@code why}: a secret, …). */
        public Table without(String why, String... columns) {
            return new Table(name, file, description, where, List.of(columns), why);
        }

        public boolean exported() {
            return file != null;
        }

        /** The condition's parameters: the district id once per {@code ?}. */
        public Object[] arguments(String districtId) {
            return DistrictDataPart.arguments(where, districtId);
        }
    }

    /** The parameters of SQL whose every {@code ?} is the district id. */
    static Object[] arguments(String sql, String districtId) {
        Object[] args = new Object[(int) sql.chars().filter(ch -> ch == '?').count()];
        Arrays.fill(args, districtId);
        return args;
    }

    /** Something the slice keeps that is not the district's data or is a secret, and is never exported. */
    record LeftOut(String what, String why) {
    }

    /** Erasure order: lower first. Features (100–300) before lti (800), lti before the district itself (900). */
    int order();

    /** The part's tables, children before parents (the order of erasure, and of the export's files). */
    List<Table> tables();

    /** What the part keeps but never exports (besides the non-exported tables and omitted columns), and why. */
    default List<LeftOut> leftOut() {
        return List.of();
    }

    /**
     * Deletes the district's rows of the part's tables on the connection, in the caller's transaction (nothing is
     * committed here); the rows deleted per table, in order. Default: each table's condition, in {@link #tables} order.
     */
    default Map<String, Integer> erase(Connection c, String districtId) throws SQLException {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (Table t : tables()) {
            deleted.merge(t.name(), Jdbc.exec(c, "DELETE FROM " + t.name() + " WHERE " + t.where(), t.arguments(districtId)), Integer::sum);
        }
        return deleted;
    }

    /** The name that replaces an erased person's name where other rows copied it. */
    String DELETED_PERSON = "Deleted person";

    /**
     * Erases one person (who asked for it) from the part's tables on the connection, in the caller's transaction:
     * deletes what is only theirs, replaces their name with {@link #DELETED_PERSON} where shared content copied it
     * (revisions, comments, logs), keeps the shared content they authored. The rows changed per table. Default: none.
     */
    default Map<String, Integer> erasePerson(Connection c, String personId) throws SQLException {
        return Map.of();
    }

    /** Runs each statement with the person id as its only parameter; the rows each changed, by table name (the statement's third word). */
    static Map<String, Integer> forPerson(Connection c, String personId, String... statements) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String sql : statements) {
            String table = sql.split(" ")[sql.startsWith("DELETE") ? 2 : 1];
            out.merge(table, Jdbc.exec(c, sql, personId), Integer::sum);
        }
        return out;
    }

    /** Called after the erasure committed (e.g. to drop per-server caches of the district's data). */
    default void erased(String districtId) {
    }
}
