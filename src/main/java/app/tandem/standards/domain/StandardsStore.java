package app.tandem.standards.domain;

import app.tandem.common.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads (and small writes) of the standards tables over JDBC. Every query is scoped by district: a framework is
 * visible only to the district that imported it. Connections are unshareable so that an import's long local
 * transaction and the short reads and progress updates never share a physical connection.
 */
@ApplicationScoped
public class StandardsStore {

    @Resource(lookup = "jdbc/tandem", shareable = false)
    DataSource dataSource;

    public StandardsStore() {
    }

    public StandardsStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    // ---- views ---------------------------------------------------------------------------------------------

    public record Framework(String id, String districtId, String identifier, String uri, String title, String creator,
                            String publisher, String description, String subjects, String language, String versionLabel,
                            String adoptionStatus, String licenceTitle, String licenceUri, String licenceText,
                            String sourceFormat, int currentVersion, int itemCount, OffsetDateTime updatedAt,
                            boolean enabled, String enabledGrades, String enabledSubjects) {
        public boolean hasLicence() {
            return licenceText != null && !licenceText.isBlank();
        }
    }

    public record Item(String id, String frameworkId, String identifier, String uri, String fullStatement,
                       String abbreviatedStatement, String alternativeLabel, String code, String listEnumeration,
                       String type, String grades, String keywords, String notes, String language, String licenseUri,
                       String lastChange, boolean retired, Integer retiredInVersion, int firstVersion, int changedInVersion) {
        /** A short label: the code, else the abbreviated statement, else the start of the statement. */
        public String label() {
            if (code != null) {
                return code;
            }
            String s = abbreviatedStatement != null ? abbreviatedStatement : fullStatement;
            return s.length() > 80 ? s.substring(0, 79) + "…" : s;
        }

        public List<String> gradeList() {
            return grades == null ? List.of() : Arrays.asList(grades.split(","));
        }

        public List<String> keywordList() {
            return keywords == null ? List.of() : Arrays.asList(keywords.split("\\|"));
        }
    }

    /** A tree node: an item with its sibling order and whether it has children. */
    public record Node(Item item, Integer sequenceNumber, boolean hasChildren) {
    }

    /** An association seen from one item: direction, type, the other end, and that end's item when the district has it. */
    public record Related(String associationId, String type, boolean outgoing, String otherIdentifier, String otherUri,
                          String otherTitle, Item otherItem, String otherFrameworkTitle, Integer sequenceNumber) {
    }

    public record Version(int versionNo, String sourceName, String sourceFormat, String caseVersion, int itemCount,
                          int associationCount, int added, int updated, int retired, OffsetDateTime importedAt) {
    }

    public record HistoryEntry(int versionNo, String fullStatement, String code, boolean retired, OffsetDateTime recordedAt) {
    }

    public record Job(String id, String districtId, String requestedBy, String sourceName, String sourceFormat, long sizeBytes,
                      String status, String phase, int percent, int itemsDone, int itemsPerSecond, int errorCount,
                      int warningCount, String frameworkId, Integer versionNo, String report, OffsetDateTime createdAt,
                      OffsetDateTime startedAt, OffsetDateTime heartbeatAt, OffsetDateTime finishedAt) {
        public boolean finished() {
            return "SUCCEEDED".equals(status) || "FAILED".equals(status);
        }
    }

    // ---- frameworks ----------------------------------------------------------------------------------------

    private static final String FRAMEWORK_COLUMNS = "f.id, f.district_id, f.identifier, f.uri, f.title, f.creator, f.publisher, "
            + "f.description, f.subjects, f.language, f.version_label, f.adoption_status, f.licence_title, f.licence_uri, "
            + "f.licence_text, f.source_format, f.current_version, f.item_count, f.updated_at, "
            + "e.framework_id, e.grades, e.subjects";

    private static Framework framework(ResultSet rs) throws SQLException {
        return new Framework(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getInt(17),
                rs.getInt(18), rs.getObject(19, OffsetDateTime.class), rs.getString(20) != null, rs.getString(21), rs.getString(22));
    }

    /** The district's frameworks (only the ones it enabled when {@code enabledOnly}), by title. */
    public List<Framework> frameworks(String districtId, boolean enabledOnly) {
        String sql = "SELECT " + FRAMEWORK_COLUMNS + " FROM std_framework f LEFT JOIN std_enablement e "
                + "ON e.framework_id = f.id AND e.district_id = f.district_id WHERE f.district_id = ? AND f.current_version > 0"
                + (enabledOnly ? " AND e.framework_id IS NOT NULL" : "") + " ORDER BY f.title";
        return query(sql, StandardsStore::framework, districtId);
    }

    public Optional<Framework> framework(String districtId, String frameworkId) {
        return query("SELECT " + FRAMEWORK_COLUMNS + " FROM std_framework f LEFT JOIN std_enablement e "
                + "ON e.framework_id = f.id AND e.district_id = f.district_id WHERE f.district_id = ? AND f.id = ? AND f.current_version > 0",
                StandardsStore::framework, districtId, frameworkId).stream().findFirst();
    }

    /** Every imported framework on this server: (id, district, version) for the search index. */
    public Map<String, String[]> frameworkVersions() {
        Map<String, String[]> out = new LinkedHashMap<>();
        query("SELECT id, district_id, current_version, title, subjects FROM std_framework WHERE current_version > 0", rs -> {
            out.put(rs.getString(1), new String[] {rs.getString(2), Integer.toString(rs.getInt(3)), rs.getString(4), rs.getString(5)});
            return null;
        });
        return out;
    }

    public List<Version> versions(String frameworkId) {
        return query("SELECT version_no, source_name, source_format, case_version, item_count, association_count, added_count, "
                + "updated_count, retired_count, imported_at FROM std_framework_version WHERE framework_id = ? ORDER BY version_no DESC",
                rs -> new Version(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
                        rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getObject(10, OffsetDateTime.class)), frameworkId);
    }

    public void setLicence(String districtId, String frameworkId, String title, String text) {
        update("UPDATE std_framework SET licence_title = ?, licence_text = ?, updated_at = ? WHERE district_id = ? AND id = ?",
                title, text, OffsetDateTime.now(ZoneOffset.UTC), districtId, frameworkId);
    }

    // ---- enablement ----------------------------------------------------------------------------------------

    public void enable(String districtId, String frameworkId, String grades, String subjects, String personId) {
        jdbc().transaction(c -> {
            Jdbc.exec(c, "DELETE FROM std_enablement WHERE district_id = ? AND framework_id = ?", districtId, frameworkId);
            Jdbc.exec(c, "INSERT INTO std_enablement (district_id, framework_id, grades, subjects, updated_by, updated_at) VALUES (?,?,?,?,?,?)",
                    districtId, frameworkId, grades, subjects, personId, OffsetDateTime.now(ZoneOffset.UTC));
        });
    }

    public void disable(String districtId, String frameworkId) {
        update("DELETE FROM std_enablement WHERE district_id = ? AND framework_id = ?", districtId, frameworkId);
    }

    // ---- items and the tree --------------------------------------------------------------------------------

    private static final String ITEM_COLUMNS = "i.id, i.framework_id, i.identifier, i.uri, i.full_statement, i.abbreviated_statement, "
            + "i.alternative_label, i.human_coding_scheme, i.list_enumeration, i.item_type, i.education_levels, i.concept_keywords, "
            + "i.notes, i.language, i.license_uri, i.last_change, i.retired, i.retired_in_version, i.first_version, i.changed_in_version";

    private static Item item(ResultSet rs) throws SQLException {
        int rv = rs.getInt(18);
        return new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getBoolean(17),
                rs.wasNull() ? null : rv, rs.getInt(19), rs.getInt(20));
    }

    /** An item of one of the district's frameworks. */
    public Optional<Item> item(String districtId, String itemId) {
        return query("SELECT " + ITEM_COLUMNS + " FROM std_item i JOIN std_framework f ON f.id = i.framework_id "
                + "WHERE f.district_id = ? AND i.id = ?", StandardsStore::item, districtId, itemId).stream().findFirst();
    }

    public Optional<Item> itemByIdentifier(String frameworkId, String identifier) {
        return query("SELECT " + ITEM_COLUMNS + " FROM std_item i WHERE i.id = ?",
                StandardsStore::item, Hashing.rowId(frameworkId, identifier)).stream().findFirst();
    }

    private static final String HAS_CHILDREN = "EXISTS (SELECT 1 FROM std_association c WHERE c.framework_id = i.framework_id "
            + "AND c.association_type = 'isChildOf' AND c.dest_identifier = i.identifier AND c.retired = FALSE)";

    /** Children of a parent (an item identifier or the framework's document identifier), in sibling order. */
    public List<Node> children(String frameworkId, String parentIdentifier, int limit) {
        return queryMax("SELECT " + ITEM_COLUMNS + ", a.sequence_number, " + HAS_CHILDREN + " FROM std_association a "
                        + "JOIN std_item i ON i.framework_id = a.framework_id AND i.identifier = a.origin_identifier "
                        + "WHERE a.framework_id = ? AND a.association_type = 'isChildOf' AND a.dest_identifier = ? "
                        + "AND a.retired = FALSE AND i.retired = FALSE "
                        + "ORDER BY CASE WHEN a.sequence_number IS NULL THEN 1 ELSE 0 END, a.sequence_number, a.file_order, i.file_order",
                rs -> {
                    int seq = rs.getInt(21);
                    Integer s = rs.wasNull() ? null : seq;
                    return new Node(item(rs), s, rs.getBoolean(22));
                }, limit, frameworkId, parentIdentifier);
    }

    /** Items with no parent at all (a file without isChildOf for them): shown at the top of the tree. */
    public List<Node> orphans(String frameworkId, int limit) {
        return queryMax("SELECT " + ITEM_COLUMNS + ", " + HAS_CHILDREN + " FROM std_item i WHERE i.framework_id = ? AND i.retired = FALSE "
                        + "AND NOT EXISTS (SELECT 1 FROM std_association p WHERE p.framework_id = i.framework_id "
                        + "AND p.association_type = 'isChildOf' AND p.origin_identifier = i.identifier AND p.retired = FALSE) "
                        + "ORDER BY i.file_order",
                rs -> new Node(item(rs), null, rs.getBoolean(21)), limit, frameworkId);
    }

    /** The chain of parents from the top down to the item's parent (first parent when an item has several). */
    public List<Item> ancestors(Item item) {
        List<Item> chain = new ArrayList<>();
        String current = item.identifier();
        for (int depth = 0; depth < 30; depth++) {
            List<String> parent = queryMax("SELECT dest_identifier FROM std_association WHERE framework_id = ? AND association_type = 'isChildOf' "
                    + "AND origin_identifier = ? AND retired = FALSE ORDER BY file_order", rs -> rs.getString(1), 1, item.frameworkId(), current);
            if (parent.isEmpty()) {
                break;
            }
            Optional<Item> p = itemByIdentifier(item.frameworkId(), parent.get(0));
            if (p.isEmpty() || chain.stream().anyMatch(x -> x.id().equals(p.get().id()))) {
                break;
            }
            chain.add(0, p.get());
            current = p.get().identifier();
        }
        return chain;
    }

    /**
     * Associations of an item other than its place in the tree, both ways: from it (in its framework) and to it
     * (from any framework of the district), with the other end resolved to an item of the district when it has one.
     */
    public List<Related> related(String districtId, Item item) {
        List<Related> out = new ArrayList<>();
        out.addAll(queryMax("SELECT a.id, a.association_type, a.dest_identifier, a.dest_uri, a.dest_title, a.sequence_number "
                        + "FROM std_association a WHERE a.framework_id = ? AND a.origin_identifier = ? AND a.retired = FALSE "
                        + "AND a.association_type <> 'isChildOf' ORDER BY a.association_type, a.file_order",
                rs -> relatedRow(rs, true), 200, item.frameworkId(), item.identifier()));
        out.addAll(queryMax("SELECT a.id, a.association_type, a.origin_identifier, a.origin_uri, a.origin_title, a.sequence_number "
                        + "FROM std_association a JOIN std_framework f ON f.id = a.framework_id WHERE f.district_id = ? "
                        + "AND a.dest_identifier = ? AND a.retired = FALSE AND a.association_type <> 'isChildOf' "
                        + "ORDER BY a.association_type, a.file_order",
                rs -> relatedRow(rs, false), 200, districtId, item.identifier()));
        // an exactMatchOf from another framework's item to this one: the origin lives in that other framework
        List<Related> resolved = new ArrayList<>();
        for (Related r : out) {
            Item other = queryMax("SELECT " + ITEM_COLUMNS + " FROM std_item i JOIN std_framework f ON f.id = i.framework_id "
                    + "WHERE f.district_id = ? AND i.identifier = ? AND i.retired = FALSE ORDER BY CASE WHEN i.framework_id = ? THEN 0 ELSE 1 END",
                    StandardsStore::item, 1, districtId, r.otherIdentifier(), item.frameworkId()).stream().findFirst().orElse(null);
            String fw = other == null ? null : query("SELECT title FROM std_framework WHERE id = ?", rs -> rs.getString(1), other.frameworkId())
                    .stream().findFirst().orElse(null);
            resolved.add(new Related(r.associationId(), r.type(), r.outgoing(), r.otherIdentifier(), r.otherUri(), r.otherTitle(), other, fw, r.sequenceNumber()));
        }
        return resolved;
    }

    private static Related relatedRow(ResultSet rs, boolean outgoing) throws SQLException {
        int seq = rs.getInt(6);
        return new Related(rs.getString(1), rs.getString(2), outgoing, rs.getString(3), rs.getString(4), rs.getString(5), null, null,
                rs.wasNull() ? null : seq);
    }

    public List<HistoryEntry> history(String itemId) {
        return queryMax("SELECT version_no, full_statement, human_coding_scheme, retired, recorded_at FROM std_item_history "
                        + "WHERE item_id = ? ORDER BY version_no DESC",
                rs -> new HistoryEntry(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getObject(5, OffsetDateTime.class)),
                50, itemId);
    }

    /** Streams a framework's live items in file order (for the search index and exports). */
    public void forEachItem(String frameworkId, boolean includeRetired, Consumer<Item> consumer) {
        stream("SELECT " + ITEM_COLUMNS + " FROM std_item i WHERE i.framework_id = ?" + (includeRetired ? "" : " AND i.retired = FALSE")
                + " ORDER BY i.file_order", rs -> consumer.accept(item(rs)), frameworkId);
    }

    /** Streams a framework's live associations in file order. */
    public void forEachAssociation(String frameworkId, Consumer<AssociationRecord> consumer) {
        stream("SELECT identifier, uri, association_type, origin_identifier, origin_uri, origin_title, dest_identifier, dest_uri, "
                + "dest_title, sequence_number, grouping_identifier, last_change FROM std_association WHERE framework_id = ? "
                + "AND retired = FALSE ORDER BY file_order", rs -> {
                    int seq = rs.getInt(10);
                    Integer s = rs.wasNull() ? null : seq;
                    consumer.accept(new AssociationRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), s,
                            rs.getString(11), rs.getString(12)));
                }, frameworkId);
    }

    /** Streams (child identifier, parent identifier) of the framework's live isChildOf associations, first parent first. */
    public void forEachParent(String frameworkId, java.util.function.BiConsumer<String, String> consumer) {
        stream("SELECT origin_identifier, dest_identifier FROM std_association WHERE framework_id = ? AND association_type = 'isChildOf' "
                + "AND retired = FALSE ORDER BY file_order", rs -> consumer.accept(rs.getString(1), rs.getString(2)), frameworkId);
    }

    // ---- jobs ----------------------------------------------------------------------------------------------

    private static final String JOB_COLUMNS = "id, district_id, requested_by, source_name, source_format, size_bytes, status, phase, "
            + "percent, items_done, items_per_second, error_count, warning_count, framework_id, version_no, report, created_at, "
            + "started_at, heartbeat_at, finished_at";

    private static Job job(ResultSet rs) throws SQLException {
        int v = rs.getInt(15);
        Integer version = rs.wasNull() ? null : v;
        return new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                rs.getString(7), rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13),
                rs.getString(14), version, rs.getString(16), rs.getObject(17, OffsetDateTime.class),
                rs.getObject(18, OffsetDateTime.class), rs.getObject(19, OffsetDateTime.class), rs.getObject(20, OffsetDateTime.class));
    }

    public void createJob(String id, String districtId, String personId, String sourceName, long size) {
        update("INSERT INTO std_import_job (id, district_id, requested_by, source_name, size_bytes, status, phase, percent, items_done, "
                        + "items_per_second, error_count, warning_count, created_at) VALUES (?,?,?,?,?, 'QUEUED', 'waiting', 0, 0, 0, 0, 0, ?)",
                id, districtId, personId, sourceName, size, OffsetDateTime.now(ZoneOffset.UTC));
    }

    public Optional<Job> job(String districtId, String jobId) {
        return query("SELECT " + JOB_COLUMNS + " FROM std_import_job WHERE district_id = ? AND id = ?", StandardsStore::job, districtId, jobId)
                .stream().findFirst();
    }

    public List<Job> recentJobs(String districtId, int limit) {
        return queryMax("SELECT " + JOB_COLUMNS + " FROM std_import_job WHERE district_id = ? ORDER BY created_at DESC", StandardsStore::job,
                limit, districtId);
    }

    public void jobStarted(String id) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        update("UPDATE std_import_job SET status = 'RUNNING', phase = 'reading', started_at = ?, heartbeat_at = ? WHERE id = ?", now, now, id);
    }

    /** The size of a file that was downloaded for the job (a CASE provider import), once known. */
    public void jobSize(String id, long size) {
        update("UPDATE std_import_job SET size_bytes = ? WHERE id = ?", size, id);
    }

    public void jobProgress(String id, String phase, String format, int percent, int items, int perSecond, int errors, int warnings) {
        update("UPDATE std_import_job SET phase = ?, source_format = COALESCE(?, source_format), percent = ?, items_done = ?, "
                        + "items_per_second = ?, error_count = ?, warning_count = ?, heartbeat_at = ? WHERE id = ?",
                phase, format, percent, items, perSecond, errors, warnings, OffsetDateTime.now(ZoneOffset.UTC), id);
    }

    public void jobFinished(String id, boolean ok, String format, String frameworkId, Integer versionNo, int items, int perSecond,
                            int errors, int warnings, String report) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        update("UPDATE std_import_job SET status = ?, phase = ?, source_format = COALESCE(?, source_format), percent = 100, "
                        + "items_done = ?, items_per_second = ?, error_count = ?, warning_count = ?, framework_id = ?, version_no = ?, "
                        + "report = ?, heartbeat_at = ?, finished_at = ? WHERE id = ?",
                ok ? "SUCCEEDED" : "FAILED", ok ? "done" : "refused", format, items, perSecond, errors, warnings, frameworkId, versionNo,
                report, now, now, id);
    }

    /** Jobs whose server stopped answering (no heartbeat for the given minutes) are failed, with a report saying so. */
    public int failStaleJobs(int minutes, String report) {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutes);
        return update("UPDATE std_import_job SET status = 'FAILED', phase = 'interrupted', report = ?, finished_at = ? "
                + "WHERE status IN ('QUEUED', 'RUNNING') AND COALESCE(heartbeat_at, created_at) < ?", report, OffsetDateTime.now(ZoneOffset.UTC), cutoff);
    }

    // ---- JDBC helpers --------------------------------------------------------------------------------------

    /** Reads one row (the store's callers' name for {@link Jdbc.Row}). */
    @FunctionalInterface
    public interface Row<T> extends Jdbc.Row<T> {
    }

    private Jdbc jdbc() {
        return new Jdbc(dataSource, StoreException::new);
    }

    public <T> List<T> query(String sql, Row<T> row, Object... args) {
        return queryMax(sql, row, 10_000, args);
    }

    public <T> List<T> queryMax(String sql, Row<T> row, int limit, Object... args) {
        return jdbc().queryMax(sql, row, limit, args);
    }

    private void stream(String sql, Jdbc.RowAction action, Object... args) {
        jdbc().stream(sql, 2000, action, args);
    }

    public int update(String sql, Object... args) {
        return jdbc().update(sql, args);
    }

    /** A database failure: becomes a 500 with an incident id (never user input's fault). */
    public static class StoreException extends RuntimeException {
        public StoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
