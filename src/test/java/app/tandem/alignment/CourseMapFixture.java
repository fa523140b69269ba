package app.tandem.alignment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Course-map rows written with plain SQL (al_unit, al_item, al_alignment, al_student_statement), for tests of the
 * student view that must not depend on the course-map service. Works on H2 and PostgreSQL, in unit tests and inside
 * the server (integration tests add this class to the test WAR).
 */
public final class CourseMapFixture {
    private final DataSource dataSource;
    private int position;

    public CourseMapFixture(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A platform registration and a section in the district (unit tests; launches create them in the server). */
    public String section(String districtId, String title) {
        String registration = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        exec("INSERT INTO platform_registration (id, issuer, client_id, name, auth_endpoint, jwks_url, created_at, updated_at, version) "
                + "VALUES (?,?,?,?,?,?,?,?,0)", registration, "https://lms.example/" + registration, "client", "Test LMS",
                "https://lms.example/auth", "https://lms.example/jwks", now, now);
        String section = UUID.randomUUID().toString();
        exec("INSERT INTO section (id, registration_id, context_id, district_id, title, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
                section, registration, "ctx-" + section, districtId, title, now, now);
        return section;
    }

    public String unit(String sectionId, String districtId, String title, String description) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        exec("INSERT INTO al_unit (id, section_id, district_id, title, description, position, version, created_at, updated_at) "
                + "VALUES (?,?,?,?,?,?,0,?,?)", id, sectionId, districtId, title, description, ++position, now, now);
        return id;
    }

    /** An item: kind RESOURCE, LTI_LINK or NOTE; studentVisible false for a draft. */
    public String item(String unitId, String sectionId, String kind, String title, String url, String type, String description,
                       boolean studentVisible) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        exec("INSERT INTO al_item (id, unit_id, section_id, kind, title, url, resource_type, description, student_visible, position, "
                + "version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,0,?,?)", id, unitId, sectionId, kind, title, url, type,
                description, studentVisible, ++position, now, now);
        return id;
    }

    public String resource(String unitId, String sectionId, String title, String url) {
        return item(unitId, sectionId, "RESOURCE", title, url, "video", null, true);
    }

    public void align(String itemId, String sectionId, String standardId, String frameworkId, String code, String type) {
        exec("INSERT INTO al_alignment (id, item_id, section_id, standard_id, framework_id, standard_code, alignment_type, created_at) "
                + "VALUES (?,?,?,?,?,?,?,?)", UUID.randomUUID().toString(), itemId, sectionId, standardId, frameworkId, code, type, now());
    }

    /** A statement of a scope: a section id, or "*" for the district's. */
    public void statement(String districtId, String scope, String standardId, String text) {
        exec("DELETE FROM al_student_statement WHERE district_id = ? AND scope = ? AND standard_id = ?", districtId, scope, standardId);
        exec("INSERT INTO al_student_statement (district_id, scope, standard_id, statement, updated_at) VALUES (?,?,?,?,?)",
                districtId, scope, standardId, text, now());
    }

    /** Runs SQL (deletes of earlier runs' rows, for instance). */
    public void exec(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
