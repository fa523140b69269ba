package app.tandem.alignment.domain;

import app.tandem.common.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain-JDBC reads for the student view (course map units, items and alignments of one section; the course-map
 * entities belong to the course-map service) and the reads and writes of "I can…" statements
 * ({@code al_student_statement}). Every query is scoped by section or district.
 */
@ApplicationScoped
public class StudentViewStore {
    /** The scope of a district-wide statement (coordinators); a section's statements use the section id. */
    public static final String DISTRICT_SCOPE = "*";
    private static final int IN_CHUNK = 500;

    @Resource(lookup = "jdbc/tandem", shareable = false)
    DataSource dataSource;

    public StudentViewStore() {
    }

    public StudentViewStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An item of a section's course map with its unit. */
    public record ItemRow(String unitId, String unitTitle, String unitDescription, String itemId, String kind, String title,
                          String url, String resourceType, String description, boolean studentVisible) {
        public boolean note() {
            return "NOTE".equals(kind);
        }
    }

    /** One alignment of an item: the item (with its unit) and the standard. */
    public record AlignedRow(ItemRow item, String standardId, String frameworkId, String standardCode) {
    }

    public record UnitRow(String id, String title, String description) {
    }

    /** A database failure: a 500 with an incident id (never the person's fault). */
    public static class StoreException extends RuntimeException {
        public StoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final String ITEM_COLUMNS = "u.id, u.title, u.description, i.id, i.kind, i.title, i.url, i.resource_type, "
            + "i.description, i.student_visible";

    /**
     * The section's alignments in course-map order (units, then items, by position).
     *
     * @param studentVisibleOnly leave out notes and items hidden from students (drafts)
     */
    public List<AlignedRow> alignments(String sectionId, boolean studentVisibleOnly) {
        String sql = "SELECT " + ITEM_COLUMNS + ", a.standard_id, a.framework_id, a.standard_code FROM al_alignment a "
                + "JOIN al_item i ON i.id = a.item_id JOIN al_unit u ON u.id = i.unit_id "
                + "WHERE a.section_id = ? AND i.section_id = ? AND u.section_id = ?"
                + (studentVisibleOnly ? " AND i.kind <> 'NOTE' AND i.student_visible = TRUE" : "")
                + " ORDER BY u.position, u.id, i.position, i.id, a.standard_code, a.standard_id";
        return query(sql, rs -> new AlignedRow(item(rs), rs.getString(11), rs.getString(12), rs.getString(13)),
                sectionId, sectionId, sectionId);
    }

    /** An item of the section (any kind, visible or not), with its unit. */
    public Optional<ItemRow> item(String sectionId, String itemId) {
        return query("SELECT " + ITEM_COLUMNS + " FROM al_item i JOIN al_unit u ON u.id = i.unit_id "
                + "WHERE i.id = ? AND i.section_id = ? AND u.section_id = ?", StudentViewStore::item, itemId, sectionId, sectionId)
                .stream().findFirst();
    }

    /** A unit of the section. */
    public Optional<UnitRow> unit(String sectionId, String unitId) {
        return query("SELECT id, title, description FROM al_unit WHERE id = ? AND section_id = ?",
                rs -> new UnitRow(rs.getString(1), rs.getString(2), rs.getString(3)), unitId, sectionId).stream().findFirst();
    }

    private static ItemRow item(ResultSet rs) throws SQLException {
        return new ItemRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10));
    }

    // ---- "I can…" statements -------------------------------------------------------------------------------

    /** The statements of one scope (a section id or {@link #DISTRICT_SCOPE}) for these standards, by standard id. */
    public Map<String, String> statements(String districtId, String scope, Collection<String> standardIds) {
        Map<String, String> result = new HashMap<>();
        Jdbc.inChunks(new LinkedHashSet<>(standardIds), IN_CHUNK, (chunk, marks) -> {
            for (String[] row : query("SELECT standard_id, statement FROM al_student_statement WHERE district_id = ? AND scope = ? "
                    + "AND standard_id IN (" + marks + ")", rs -> new String[] {rs.getString(1), rs.getString(2)},
                    Jdbc.args(districtId, scope, chunk))) {
                result.put(row[0], row[1]);
            }
        });
        return result;
    }

    /**
     * Writes statements of one scope in one transaction: a text replaces the standard's statement, null or blank
     * removes it (the view falls back to the next scope).
     */
    public void saveStatements(String districtId, String scope, Map<String, String> byStandard, String personId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc().transaction(c -> {
            for (Map.Entry<String, String> e : byStandard.entrySet()) {
                Jdbc.exec(c, "DELETE FROM al_student_statement WHERE district_id = ? AND scope = ? AND standard_id = ?",
                        districtId, scope, e.getKey());
                if (e.getValue() != null && !e.getValue().isBlank()) {
                    Jdbc.exec(c, "INSERT INTO al_student_statement (district_id, scope, standard_id, statement, written_by, updated_at) "
                            + "VALUES (?,?,?,?,?,?)", districtId, scope, e.getKey(), e.getValue(), personId, now);
                }
            }
        });
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    private Jdbc jdbc() {
        return new Jdbc(dataSource, StoreException::new);
    }

    private <T> List<T> query(String sql, Jdbc.Row<T> mapper, Object... args) {
        return jdbc().query(sql, mapper, args);
    }
}
