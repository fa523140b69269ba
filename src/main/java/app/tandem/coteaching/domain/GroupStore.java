package app.tandem.coteaching.domain;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, district_id, name, dissolved_at from ct_link_group where id = ?")) {
            ps.setString(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                        sections(c, groupId)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading link group " + groupId, e);
        }
    }

    /** The live link group a section belongs to. */
    public Optional<Group> liveGroupOf(String sectionId) {
        if (sectionId == null) {
            return Optional.empty();
        }
        String groupId = null;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select g.id from ct_group_section gs join ct_link_group g on g.id = gs.group_id "
                     + "where gs.section_id = ? and g.dissolved_at is null")) {
            ps.setString(1, sectionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    groupId = rs.getString(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the link group of section " + sectionId, e);
        }
        return group(groupId);
    }

    private static List<String> sections(Connection c, String groupId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select section_id from ct_group_section where group_id = ? order by joined_at, section_id")) {
            ps.setString(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public List<Unit> units(Collection<String> sectionIds) {
        List<Unit> out = new ArrayList<>();
        query("select id, section_id, title from al_unit where section_id in (%s) order by section_id, position, id", sectionIds, 1000,
                rs -> out.add(new Unit(rs.getString(1), rs.getString(2), rs.getString(3))));
        return out;
    }

    public List<Item> items(Collection<String> sectionIds) {
        List<Item> out = new ArrayList<>();
        query("select i.id, i.section_id, u.title, i.title, i.url, i.kind, i.student_visible from al_item i join al_unit u on u.id = i.unit_id "
                        + "where i.section_id in (%s) order by i.section_id, u.position, i.position, i.id", sectionIds, 2000,
                rs -> out.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getBoolean(7))));
        return out;
    }

    public List<Aligned> alignments(Collection<String> sectionIds) {
        List<Aligned> out = new ArrayList<>();
        query("select distinct standard_id, standard_code, section_id from al_alignment where section_id in (%s) order by standard_code, standard_id",
                sectionIds, 5000, rs -> out.add(new Aligned(rs.getString(1), rs.getString(2), rs.getString(3))));
        return out;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Collection<String> sectionIds, int limit, Row row) {
        if (sectionIds.isEmpty()) {
            return;
        }
        String marks = String.join(",", java.util.Collections.nCopies(sectionIds.size(), "?"));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(String.format(sql, marks))) {
            int i = 1;
            for (String s : sectionIds) {
                ps.setString(i++, s);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the course maps of a link group", e);
        }
    }
}
