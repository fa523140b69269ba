package app.tandem.district.application;

import app.tandem.common.DistrictDataPart;
import app.tandem.common.DistrictDataPart.Table;
import app.tandem.common.Jdbc;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

/**
 * A district's data across every slice's {@link DistrictDataPart}: row counts, the export (a ZIP of one JSON Lines
 * file per table plus manifest.json, streamed: rows are read {@value #FETCH} at a time and written as they come) and
 * the erasure (every part's rows in one transaction, parts in their order). Plain JDBC; no CDI, so that it runs in
 * unit tests on the Flyway schema.
 */
public final class DistrictDataSet {
    public static final int FORMAT_VERSION = 1;
    static final int FETCH = 1000;

    private final DataSource dataSource;
    private final List<DistrictDataPart> parts;

    public DistrictDataSet(DataSource dataSource, List<DistrictDataPart> parts) {
        this.dataSource = dataSource;
        this.parts = parts.stream().sorted(Comparator.comparingInt(DistrictDataPart::order)).toList();
    }

    /** One exported table: its file, table, plain-language description and (when counted or written) rows. */
    public record FileCount(String file, String table, String description, long rows) {
    }

    /** Every table in erasure order (children before parents, features before lti and the district). */
    public List<Table> tablesInErasureOrder() {
        List<Table> out = new ArrayList<>();
        parts.forEach(p -> out.addAll(p.tables()));
        return out;
    }

    /** The exported tables, parents first (the district, then platforms, people, sections, then the features' data). */
    public List<Table> exportedTables() {
        List<Table> out = new ArrayList<>(tablesInErasureOrder().stream().filter(Table::exported).toList());
        Collections.reverse(out);
        return out;
    }

    /** What is never exported, and why: tables, secret columns, and what the parts name. */
    public List<DistrictDataPart.LeftOut> leftOut() {
        List<DistrictDataPart.LeftOut> out = new ArrayList<>();
        for (Table t : tablesInErasureOrder()) {
            if (!t.exported()) {
                out.add(new DistrictDataPart.LeftOut(t.name(), t.description()));
            } else if (!t.omitted().isEmpty()) {
                out.add(new DistrictDataPart.LeftOut(t.name() + "." + String.join(", " + t.name() + ".", t.omitted()), t.omittedWhy()));
            }
        }
        parts.forEach(p -> out.addAll(p.leftOut()));
        return out;
    }

    /** The district's rows per exported table. */
    public List<FileCount> counts(String districtId) {
        return jdbc().withConnection(c -> {
            List<FileCount> out = new ArrayList<>();
            for (Table t : exportedTables()) {
                long n = Jdbc.query(c, "SELECT COUNT(*) FROM " + t.name() + " WHERE " + t.where(), rs -> rs.getLong(1), t.arguments(districtId)).get(0);
                out.add(new FileCount(t.file(), t.name(), t.description(), n));
            }
            return out;
        });
    }

    /**
     * Writes the district's export to {@code out} (not closed): one read-only snapshot transaction (repeatable read),
     * each table streamed into its JSON Lines entry, manifest.json last (it carries the counts).
     */
    public List<FileCount> export(String districtId, String districtName, Instant generatedAt, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Writer w = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
        List<FileCount> files = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                for (Table t : exportedTables()) {
                    zip.putNextEntry(new ZipEntry(t.file()));
                    long rows = writeRows(c, t, districtId, w);
                    w.flush();
                    zip.closeEntry();
                    files.add(new FileCount(t.file(), t.name(), t.description(), rows));
                }
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("district export failed reading the database: " + e.getMessage(), e);
        }
        zip.putNextEntry(new ZipEntry("manifest.json"));
        w.write(manifest(districtId, districtName, generatedAt, files));
        w.write('\n');
        w.flush();
        zip.closeEntry();
        zip.finish();
        zip.flush();
        return files;
    }

    private static long writeRows(Connection c, Table t, String districtId, Writer w) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + t.name() + " WHERE " + t.where())) {
            ps.setFetchSize(FETCH);
            Jdbc.bind(ps, t.arguments(districtId));
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> names = new ArrayList<>();
                List<Integer> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String name = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
                    if (!t.omitted().contains(name)) {
                        names.add(name);
                        columns.add(i);
                    }
                }
                long rows = 0;
                while (rs.next()) {
                    JsonObjectBuilder row = Json.createObjectBuilder();
                    for (int k = 0; k < columns.size(); k++) {
                        int i = columns.get(k);
                        row.add(names.get(k), value(rs, i, md.getColumnType(i)));
                    }
                    w.write(row.build().toString());
                    w.write('\n');
                    rows++;
                }
                return rows;
            }
        }
    }

    /** A column as JSON: text, number, boolean, null; timestamps as ISO-8601 UTC instants, dates as ISO dates. */
    static JsonValue value(ResultSet rs, int i, int type) throws SQLException {
        Object o;
        switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                return t == null ? JsonValue.NULL : Json.createValue(t.toInstant().toString());
            }
            case Types.DATE -> {
                LocalDate d = rs.getObject(i, LocalDate.class);
                return d == null ? JsonValue.NULL : Json.createValue(d.toString());
            }
            default -> o = rs.getObject(i);
        }
        if (o == null) {
            return JsonValue.NULL;
        } else if (o instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return Json.createValue(((Number) o).longValue());
        } else if (o instanceof BigDecimal d) {
            return Json.createValue(d);
        } else if (o instanceof Number n) {
            return Json.createValue(n.doubleValue());
        } else if (o instanceof Clob clob) {
            return Json.createValue(clob.getSubString(1, (int) clob.length()));
        }
        return Json.createValue(o.toString());
    }

    String manifest(String districtId, String districtName, Instant generatedAt, List<FileCount> files) {
        JsonArrayBuilder fileList = Json.createArrayBuilder();
        Map<String, Table> byName = new LinkedHashMap<>();
        exportedTables().forEach(t -> byName.put(t.name(), t));
        for (FileCount f : files) {
            Table t = byName.get(f.table());
            JsonArrayBuilder omitted = Json.createArrayBuilder();
            t.omitted().forEach(omitted::add);
            fileList.add(Json.createObjectBuilder().add("file", f.file()).add("table", f.table()).add("rows", f.rows())
                    .add("description", f.description()).add("omittedColumns", omitted));
        }
        JsonArrayBuilder left = Json.createArrayBuilder();
        leftOut().forEach(l -> left.add(Json.createObjectBuilder().add("what", l.what()).add("why", l.why())));
        return Json.createObjectBuilder()
                .add("format", "tandem-district-export")
                .add("formatVersion", FORMAT_VERSION)
                .add("district", Json.createObjectBuilder().add("id", districtId).add("name", districtName))
                .add("generatedAt", generatedAt.toString())
                .add("encoding", "One JSON object per line (JSON Lines, UTF-8) per table: column names as keys, times as ISO-8601 UTC instants.")
                .add("files", fileList)
                .add("leftOut", left)
                .build().toString();
    }

    /**
     * Deletes every row of the district, part by part in their order, in one transaction: all or nothing. The rows
     * deleted per table, in the order they were deleted. Parts are told afterwards (caches).
     */
    public Map<String, Integer> erase(String districtId) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        jdbc().transaction(c -> {
            for (DistrictDataPart p : parts) {
                p.erase(c, districtId).forEach((table, n) -> deleted.merge(table, n, Integer::sum));
            }
        });
        parts.forEach(p -> p.erased(districtId));
        return deleted;
    }

    /**
     * Erases one person in one transaction when {@code inScope} (SQL with one {@code ?} for the person id and the rest
     * for the district id) finds them: every part's {@link DistrictDataPart#erasePerson}, parts in their order. The
     * rows deleted or changed per table; empty when the person was not found.
     */
    public Map<String, Integer> erasePerson(String districtId, String personId, String inScope) {
        Map<String, Integer> changed = new LinkedHashMap<>();
        jdbc().transaction(c -> {
            Object[] args = DistrictDataPart.arguments(inScope, districtId);
            args[0] = personId;
            if (Jdbc.query(c, inScope, rs -> rs.getLong(1), args).get(0) == 0) {
                return;
            }
            for (DistrictDataPart p : parts) {
                p.erasePerson(c, personId).forEach((table, n) -> changed.merge(table, n, Integer::sum));
            }
        });
        return changed;
    }

    private Jdbc jdbc() {
        return new Jdbc(dataSource, e -> new IllegalStateException("district data: " + e.getMessage(), e));
    }
}
