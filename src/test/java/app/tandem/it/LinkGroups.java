package app.tandem.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Link groups written straight into the V8 tables, inside the server (in-container test methods): the
 * co-teaching plan tests need linked sections, whatever the invitation UI looks like.
 */
final class LinkGroups {
    private LinkGroups() {
    }

    static DataSource dataSource() {
        try {
            return (DataSource) new InitialContext().lookup("jdbc/tandem");
        } catch (NamingException e) {
            throw new IllegalStateException("jdbc/tandem is not bound (run this inside the server)", e);
        }
    }

    /** Tandem's id of a section Tandem saw in a launch: (registration, LTI context id). */
    static String sectionId(String registrationId, String contextId) {
        return required(value("select id from section where registration_id = ? and context_id = ?", registrationId, contextId),
                "no section " + contextId + " (launch into it first)");
    }

    /** The district of a section. */
    static String districtOf(String sectionId) {
        return required(value("select district_id from section where id = ?", sectionId), "no section " + sectionId);
    }

    /** The registration of an issuer and client (the demo LMS's, say: it may have other clients registered dynamically). */
    static String registrationOf(String issuer, String clientId) {
        return required(value("select id from platform_registration where issuer = ? and client_id = ?", issuer, clientId),
                "no registration for " + issuer + " and " + clientId);
    }

    /** The live group both sections are in, if they share one; else null. */
    static String sharedLiveGroup(String sectionA, String sectionB) {
        return value("select a.group_id from ct_group_section a join ct_group_section b on a.group_id = b.group_id "
                + "join ct_link_group g on g.id = a.group_id where a.section_id = ? and b.section_id = ? and g.dissolved_at is null", sectionA, sectionB);
    }

    /** The first column of the first row, or null. */
    private static String value(String sql, String... params) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String required(String value, String problem) {
        if (value == null) {
            throw new IllegalStateException(problem);
        }
        return value;
    }

    /**
     * Links the sections in one new live group, taking them out of any group they were in (a section is in one
     * group at most); returns the group id.
     */
    static String link(String districtId, String name, String... sectionIds) {
        String groupId = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource().getConnection()) {
            for (String s : sectionIds) {
                try (PreparedStatement ps = c.prepareStatement("delete from ct_group_section where section_id = ?")) {
                    ps.setString(1, s);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into ct_link_group (id, district_id, name, created_at, version) values (?, ?, ?, ?, 1)")) {
                ps.setString(1, groupId);
                ps.setString(2, districtId);
                ps.setString(3, name);
                ps.setObject(4, now);
                ps.executeUpdate();
            }
            for (String s : sectionIds) {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into ct_group_section (group_id, section_id, joined_at) values (?, ?, ?)")) {
                    ps.setString(1, groupId);
                    ps.setString(2, s);
                    ps.setObject(3, now);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return groupId;
    }

    /** Deletes a group with its sections and plans. */
    static void remove(String groupId) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("delete from ct_link_group where id = ?")) {
            ps.setString(1, groupId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A unit with one item aligned (TEACHES) to a standard on a section's course map; returns {unitId, itemId}. */
    static String[] alignedItem(String sectionId, String districtId, String standardId, String frameworkId, String code) {
        String unit = UUID.randomUUID().toString();
        String item = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into al_unit (id, section_id, district_id, title, position, version, created_at, updated_at) "
                    + "values (?, ?, ?, 'Ratios and rates', 0, 1, ?, ?)")) {
                ps.setString(1, unit);
                ps.setString(2, sectionId);
                ps.setString(3, districtId);
                ps.setObject(4, now);
                ps.setObject(5, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into al_item (id, unit_id, section_id, kind, title, url, position, version, created_at, updated_at) "
                    + "values (?, ?, ?, 'RESOURCE', 'Rate tables worksheet', 'https://example.org/worksheet', 0, 1, ?, ?)")) {
                ps.setString(1, item);
                ps.setString(2, unit);
                ps.setString(3, sectionId);
                ps.setObject(4, now);
                ps.setObject(5, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into al_alignment (id, item_id, section_id, standard_id, framework_id, standard_code, "
                    + "alignment_type, created_at) values (?, ?, ?, ?, ?, ?, 'TEACHES', ?)")) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, item);
                ps.setString(3, sectionId);
                ps.setString(4, standardId);
                ps.setString(5, frameworkId);
                ps.setString(6, code);
                ps.setObject(7, now);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new String[] {unit, item};
    }
}
