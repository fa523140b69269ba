package app.tandem.alignment.domain;

import app.tandem.common.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Coverage's reads over JDBC (reports read many rows; no entities needed) and the writes of its own aggregate
 * (V11__coverage.sql: one row per section, its per-domain counts packed as text so that a roll-up reads one row per
 * section). The course-map tables (al_unit, al_item, al_alignment) are only read here.
 * Lists of section ids are sent in chunks of {@value #CHUNK}.
 */
@ApplicationScoped
public class CoverageStore {
    static final int CHUNK = 500;

    @Resource(lookup = "jdbc/tandem", shareable = false)
    DataSource dataSource;

    public CoverageStore() {
    }

    public CoverageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A unit of a course map. */
    public record UnitRow(String id, String sectionId, String title, int position) {
    }

    /** An alignment with its item and unit, for a section's report. */
    public record AlignmentRow(String id, String sectionId, String itemId, String itemTitle, String itemKind, String resourceType,
                               String unitId, String standardId, String frameworkId, String standardCode, String type) {
    }

    /** An alignment reduced to what the roll-up aggregates. */
    public record AlignmentKey(String sectionId, String standardId, String frameworkId, String type) {
    }

    /**
     * A section of the district with its course settings, and when its aggregate was computed, from how many
     * history events, and the aggregate itself (all three null: never computed; decode with {@link #decode}).
     */
    public record SectionRow(String id, String title, String label, String contextId, String grades, String subjects,
                             String frameworkIds, String school, OffsetDateTime refreshedAt, Integer events, String summary) {
    }

    /** One entry of a section's aggregate: grades is the targets' grade list ("07", "09+10+11+12"; "*" for none). */
    public record DomainRow(String sectionId, String domainId, String grades, String frameworkId, int frameworkVersion, int covered, int taught,
                            int practised, int assessed) {
    }

    // ---- course maps ---------------------------------------------------------------------------------------

    public List<UnitRow> units(Collection<String> sectionIds) {
        List<UnitRow> out = new ArrayList<>();
        forChunks(sectionIds, (chunk, in) -> query("SELECT id, section_id, title, position FROM al_unit WHERE section_id IN (" + in
                + ") ORDER BY position, title, id", rs -> out.add(new UnitRow(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getInt(4))), chunk.toArray()));
        return out;
    }

    /** The sections' alignments in course-map order (unit, then item position). */
    public List<AlignmentRow> alignments(Collection<String> sectionIds) {
        List<AlignmentRow> out = new ArrayList<>();
        forChunks(sectionIds, (chunk, in) -> query("SELECT a.id, a.section_id, a.item_id, i.title, i.kind, i.resource_type, i.unit_id, "
                + "a.standard_id, a.framework_id, a.standard_code, a.alignment_type FROM al_alignment a "
                + "JOIN al_item i ON i.id = a.item_id JOIN al_unit u ON u.id = i.unit_id WHERE a.section_id IN (" + in + ") "
                + "ORDER BY u.position, u.id, i.position, i.id, a.alignment_type", rs -> out.add(new AlignmentRow(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11))), chunk.toArray()));
        return out;
    }

    /** Every alignment of the sections, streamed (a full recompute reads millions). */
    public void forEachAlignmentKey(Collection<String> sectionIds, Consumer<AlignmentKey> action) {
        forChunks(sectionIds, (chunk, in) -> query("SELECT section_id, standard_id, framework_id, alignment_type FROM al_alignment "
                + "WHERE section_id IN (" + in + ")", rs -> action.accept(new AlignmentKey(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4))), chunk.toArray()));
    }

    // ---- the district's sections and the aggregate -----------------------------------------------------------

    public List<SectionRow> sections(String districtId) {
        List<SectionRow> out = new ArrayList<>();
        query("SELECT s.id, s.title, s.label, s.context_id, st.grades, st.subjects, st.framework_ids, st.school, cs.refreshed_at, "
                + "cs.events, cs.summary FROM section s LEFT JOIN al_section_settings st ON st.section_id = s.id "
                + "LEFT JOIN al_coverage_section cs ON cs.section_id = s.id WHERE s.district_id = ?", rs -> out.add(new SectionRow(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getObject(9, OffsetDateTime.class), (Integer) rs.getObject(10), rs.getString(11))), districtId);
        return out;
    }

    /** The aggregates of some sections (never computed ones left out). */
    public Map<String, String> summaries(Collection<String> sectionIds) {
        Map<String, String> out = new HashMap<>();
        forChunks(sectionIds, (chunk, in) -> query("SELECT section_id, summary FROM al_coverage_section WHERE section_id IN (" + in + ")",
                rs -> out.put(rs.getString(1), rs.getString(2)), chunk.toArray()));
        return out;
    }

    /** A section's aggregate as text (the format is described in V11__coverage.sql). */
    public static String encode(List<DomainRow> rows) {
        Map<String, List<DomainRow>> byFramework = new java.util.TreeMap<>();
        rows.forEach(r -> byFramework.computeIfAbsent(r.frameworkId() + "@" + r.frameworkVersion(), k -> new ArrayList<>()).add(r));
        StringBuilder out = new StringBuilder();
        byFramework.forEach((f, list) -> {
            out.append(out.length() == 0 ? "" : "|").append(f).append(':');
            for (int i = 0; i < list.size(); i++) {
                DomainRow r = list.get(i);
                out.append(i == 0 ? "" : ";").append(r.domainId()).append(' ').append(r.grades()).append(' ').append(r.covered()).append(' ')
                        .append(r.taught()).append(' ').append(r.practised()).append(' ').append(r.assessed());
            }
        });
        return out.toString();
    }

    public static List<DomainRow> decode(String sectionId, String summary) {
        List<DomainRow> out = new ArrayList<>();
        if (summary == null || summary.isEmpty()) {
            return out;
        }
        for (String framework : summary.split("\\|")) {
            int at = framework.indexOf('@');
            int colon = framework.indexOf(':', at);
            String frameworkId = framework.substring(0, at);
            int version = Integer.parseInt(framework.substring(at + 1, colon));
            for (String entry : framework.substring(colon + 1).split(";")) {
                String[] f = entry.split(" ");
                out.add(new DomainRow(sectionId, f[0], f[1], frameworkId, version, Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5])));
            }
        }
        return out;
    }

    /**
     * Replaces the aggregate of the sections (all of one district) in one transaction.
     *
     * @param alignments per section, how many alignments the rows were computed from
     * @param events     per section, how many history events it had before its alignments were read
     */
    public void replace(String districtId, Collection<String> sectionIds, List<DomainRow> rows, Map<String, Integer> alignments,
                        Map<String, Integer> events, OffsetDateTime refreshedAt) {
        Map<String, List<DomainRow>> bySection = new HashMap<>();
        rows.forEach(r -> bySection.computeIfAbsent(r.sectionId(), k -> new ArrayList<>()).add(r));
        List<String> ids = new ArrayList<>(sectionIds);
        jdbc().transaction(c -> {
            forChunks(ids, (chunk, in) -> Jdbc.exec(c, "DELETE FROM al_coverage_section WHERE section_id IN (" + in + ")", chunk.toArray()));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO al_coverage_section (section_id, district_id, refreshed_at, "
                    + "alignments, events, summary) VALUES (?,?,?,?,?,?)")) {
                int n = 0;
                for (String s : ids) {
                    Jdbc.bind(ps, s, districtId, refreshedAt, alignments.getOrDefault(s, 0), events.getOrDefault(s, 0),
                            encode(bySection.getOrDefault(s, List.of())));
                    ps.addBatch();
                    if (++n % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        });
    }

    /** Forgets the district's aggregate (a coordinator's "recompute everything"). */
    public void forget(String districtId) {
        jdbc().transaction(c -> {
            Jdbc.exec(c, "DELETE FROM al_coverage_section WHERE district_id = ?", districtId);
            Jdbc.exec(c, "DELETE FROM al_coverage_district WHERE district_id = ?", districtId);
        });
    }

    // ---- change detection ------------------------------------------------------------------------------------

    /** Up to when the district's alignment events were checked; empty: its aggregate was never computed. */
    public Optional<OffsetDateTime> eventsCheckedAt(String districtId) {
        List<OffsetDateTime> out = new ArrayList<>();
        query("SELECT events_checked_at FROM al_coverage_district WHERE district_id = ?", rs -> out.add(rs.getObject(1, OffsetDateTime.class)),
                districtId);
        return out.stream().findFirst();
    }

    public void eventsChecked(String districtId, OffsetDateTime at) {
        try {
            jdbc().transaction(c -> {
                if (Jdbc.exec(c, "UPDATE al_coverage_district SET events_checked_at = ? WHERE district_id = ?", at, districtId) == 0) {
                    Jdbc.exec(c, "INSERT INTO al_coverage_district (district_id, events_checked_at) VALUES (?,?)", districtId, at);
                }
            });
        } catch (CoverageStoreException e) {
            if (!e.duplicate()) {
                throw e;
            }
            // another server recorded its check at the same moment: either time is fine
        }
    }

    /** Sections with alignment changes (al_alignment_event) after the time, each with its latest change (any district). */
    public Map<String, OffsetDateTime> changedSince(OffsetDateTime since) {
        Map<String, OffsetDateTime> out = new HashMap<>();
        query("SELECT section_id, MAX(occurred_at) FROM al_alignment_event WHERE occurred_at > ? GROUP BY section_id",
                rs -> out.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class)), since);
        return out;
    }

    /** How many history events each section has (sections without any left out). */
    public Map<String, Integer> eventCounts(Collection<String> sectionIds) {
        Map<String, Integer> out = new HashMap<>();
        forChunks(sectionIds, (chunk, in) -> query("SELECT section_id, COUNT(*) FROM al_alignment_event WHERE section_id IN (" + in
                + ") GROUP BY section_id", rs -> out.put(rs.getString(1), rs.getInt(2)), chunk.toArray()));
        return out;
    }

    // ---- JDBC ------------------------------------------------------------------------------------------------

    private Jdbc jdbc() {
        return new Jdbc(dataSource, CoverageStoreException::new);
    }

    private static <E extends Exception> void forChunks(Collection<String> ids, Jdbc.Chunk<String, E> action) throws E {
        Jdbc.inChunks(ids, CHUNK, action);
    }

    /** Runs a query, streaming its rows. */
    private void query(String sql, Jdbc.RowAction action, Object... args) {
        jdbc().stream(sql, 5000, action, args);
    }

    /** A unique-key violation (SQLState class 23): a concurrent writer got there first. */
    public static boolean isDuplicate(SQLException e) {
        return Jdbc.isDuplicate(e);
    }

    /** A database failure: a 500 with an incident id (never the user's fault). */
    public static class CoverageStoreException extends RuntimeException {
        public CoverageStoreException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public boolean duplicate() {
            return getCause() instanceof SQLException e && isDuplicate(e);
        }
    }
}
