package app.tandem.coteaching.domain;

import app.tandem.common.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain-JDBC reads for plans: link groups and their sections (V8 tables), and, read only, the course-map units,
 * items and alignments of a group's sections (V7 tables) that the plan editor offers as units, materials and
 * standards.
 */
@ApplicationScoped
public class GroupStore {

    /** A link group with its sections (ids, in the order they joined). */
    public record Group(String id, String districtId, String name, OffsetDateTime dissolvedAt, List<String> sectionIds) {
        public boolean live() {
            return dissolvedAt == null;
        }
    }

    public record Unit(String id, String sectionId, String title) {
    }

    public record Item(String id, String sectionId, String unitTitle, String title, String url, String kind, boolean studentVisible) {
    }

    /** A standard aligned in one of the group's sections. */
    public record Aligned(String standardId, String code, String sectionId) {
    }

    @Resource(lookup = "jdbc/tandem")
    DataSource dataSource;

    public Optional<Group> group(String groupId) {
        if (groupId == null) {
            return Optional.empty();
        }
        return jdbc("reading link group " + groupId).withConnection(c -> Jdbc.query(c,
                "select id, district_id, name, dissolved_at from ct_link_group where id = ?",
                rs -> new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class), sections(c, groupId)),
                groupId).stream().findFirst());
    }

    /** The live link group a section belongs to. */
    public Optional<Group> liveGroupOf(String sectionId) {
        if (sectionId == null) {
            return Optional.empty();
        }
        String groupId = jdbc("reading the link group of section " + sectionId).queryMax("select g.id from ct_group_section gs "
                + "join ct_link_group g on g.id = gs.group_id where gs.section_id = ? and g.dissolved_at is null", rs -> rs.getString(1), 1,
                sectionId).stream().findFirst().orElse(null);
        return group(groupId);
    }

    private static List<String> sections(Connection c, String groupId) throws SQLException {
        return Jdbc.query(c, "select section_id from ct_group_section where group_id = ? order by joined_at, section_id",
                rs -> rs.getString(1), groupId);
    }

    public List<Unit> units(Collection<String> sectionIds) {
        return query("select id, section_id, title from al_unit where section_id in (%s) order by section_id, position, id", sectionIds, 1000,
                rs -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    public List<Item> items(Collection<String> sectionIds) {
        return query("select i.id, i.section_id, u.title, i.title, i.url, i.kind, i.student_visible from al_item i join al_unit u on u.id = i.unit_id "
                        + "where i.section_id in (%s) order by i.section_id, u.position, i.position, i.id", sectionIds, 2000,
                rs -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getBoolean(7)));
    }

    public List<Aligned> alignments(Collection<String> sectionIds) {
        return query("select distinct standard_id, standard_code, section_id from al_alignment where section_id in (%s) "
                        + "order by standard_code, standard_id", sectionIds, 5000,
                rs -> new Aligned(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** At most {@code limit} rows about the sections ({@code %s}: their ids). */
    private <T> List<T> query(String sql, Collection<String> sectionIds, int limit, Jdbc.Row<T> row) {
        if (sectionIds.isEmpty()) {
            return new ArrayList<>();
        }
        return jdbc("reading the course maps of a link group").queryMax(String.format(sql, Jdbc.placeholders(sectionIds.size())), row, limit,
                sectionIds.toArray());
    }

    private Jdbc jdbc(String doing) {
        return new Jdbc(dataSource, e -> new IllegalStateException(doing, e));
    }
}
