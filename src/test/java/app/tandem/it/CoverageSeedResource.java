package app.tandem.it;

import app.tandem.alignment.AlignmentSeed;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Test-only (added to the integration tests' WAR, never to Tandem's): writes course maps with alignments straight
 * into the database inside the server, as the course-map feature would, so that coverage can be tested on its own.
 * Guarded by the admin token. Bodies and answers are JSON.
 */
@Path("it-seed/coverage")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CoverageSeedResource {
    /** A demo LMS course's section (other registrations of the demo, made by dynamic registration tests, are left out). */
    private static final String DEMO_SECTION = "SELECT s.id, s.district_id FROM section s JOIN platform_registration r "
            + "ON r.id = s.registration_id WHERE s.context_id = ? AND r.client_id = 'tandem-demo-client'";

    @Resource(lookup = "jdbc/tandem")
    DataSource dataSource;

    /**
     * Replaces a section's course map and settings: {"contextId", "frameworkId", "grades", "subjects", "school",
     * "units": [{"title", "items": [{"title", "alignments": [["code", "TEACHES"], …]}]}]}. Answers {"sectionId"}.
     */
    @POST
    @Path("section")
    public String section(@HeaderParam("X-Admin-Token") String token, JsonObject body) throws SQLException {
        guard(token);
        String contextId = body.getString("contextId");
        String[] section = one(DEMO_SECTION, contextId);
        String sectionId = section[0];
        String districtId = section[1];
        exec("DELETE FROM al_unit WHERE section_id = ?", sectionId);
        exec("DELETE FROM al_section_settings WHERE section_id = ?", sectionId);
        exec("DELETE FROM al_coverage_section WHERE section_id = ?", sectionId);
        String frameworkId = body.getString("frameworkId");
        try (AlignmentSeed seed = new AlignmentSeed(dataSource)) {
            seed.settings(sectionId, districtId, body.getString("grades", null), body.getString("subjects", null), null,
                    body.getString("school", null));
            int u = 0;
            for (JsonValue uv : body.getJsonArray("units")) {
                JsonObject unit = uv.asJsonObject();
                String unitId = seed.unit(sectionId, districtId, unit.getString("title"), u++);
                int i = 0;
                for (JsonValue iv : unit.getJsonArray("items")) {
                    JsonObject item = iv.asJsonObject();
                    String itemId = seed.item(unitId, sectionId, item.getString("title"), i++);
                    for (JsonValue av : item.getJsonArray("alignments")) {
                        JsonArray a = av.asJsonArray();
                        String standardId = one("SELECT id FROM std_item WHERE framework_id = ? AND human_coding_scheme = ?", frameworkId, a.getString(0))[0];
                        seed.align(itemId, sectionId, standardId, frameworkId, a.getString(0), a.getString(1));
                    }
                }
            }
        }
        return Json.createObjectBuilder().add("sectionId", sectionId).add("districtId", districtId).build().toString();
    }

    /** A section of another district (with one unit, item and alignment to the given standard code). Answers {"sectionId"}. */
    @POST
    @Path("other-district")
    public String otherDistrict(@HeaderParam("X-Admin-Token") String token, JsonObject body) throws SQLException {
        guard(token);
        String sectionId;
        try (AlignmentSeed seed = new AlignmentSeed(dataSource)) {
            String district = seed.district("Other district (coverage test)");
            String registration = seed.registration("Other LMS");
            sectionId = seed.section(district, registration, "Other district's section");
            seed.flush();
            String unit = seed.unit(sectionId, district, "Elsewhere", 0);
            String item = seed.item(unit, sectionId, "Their lesson", 0);
            seed.align(item, sectionId, "00000000-0000-4000-8000-000000000000", body.getString("frameworkId"), "X.1", "TEACHES");
        }
        return Json.createObjectBuilder().add("sectionId", sectionId).build().toString();
    }

    /** Links sections (by context id) into a live link group: {"name", "contextIds": […]}. Answers {"groupId"}. */
    @POST
    @Path("link")
    public String link(@HeaderParam("X-Admin-Token") String token, JsonObject body) throws SQLException {
        guard(token);
        List<String> ids = new ArrayList<>();
        String district = null;
        for (JsonValue v : body.getJsonArray("contextIds")) {
            String[] s = one(DEMO_SECTION, ((jakarta.json.JsonString) v).getString());
            ids.add(s[0]);
            district = s[1];
        }
        for (String id : ids) {
            exec("DELETE FROM ct_group_section WHERE section_id = ?", id);
        }
        String group = AlignmentSeed.id();
        exec("INSERT INTO ct_link_group (id, district_id, name, created_at, version) VALUES (?,?,?,?,0)", group, district,
                "Seeded: " + body.getString("name"), OffsetDateTime.now());
        for (String id : ids) {
            exec("INSERT INTO ct_group_section (group_id, section_id, joined_at) VALUES (?,?,?)", group, id, OffsetDateTime.now());
        }
        return Json.createObjectBuilder().add("groupId", group).build().toString();
    }

    /**
     * Undoes the seeding for the demo sections (by context id): their course maps, course settings, coverage rows and
     * link groups, so that other tests find the demo courses as they were: {"contextIds": […]}.
     */
    @POST
    @Path("clear")
    public String clear(@HeaderParam("X-Admin-Token") String token, JsonObject body) throws SQLException {
        guard(token);
        for (JsonValue v : body.getJsonArray("contextIds")) {
            String sectionId = one(DEMO_SECTION, ((jakarta.json.JsonString) v).getString())[0];
            exec("DELETE FROM al_unit WHERE section_id = ?", sectionId);
            exec("DELETE FROM al_section_settings WHERE section_id = ?", sectionId);
            exec("DELETE FROM al_coverage_section WHERE section_id = ?", sectionId);
            exec("DELETE FROM ct_link_group WHERE id IN (SELECT group_id FROM ct_group_section WHERE section_id = ?) AND name LIKE 'Seeded: %'",
                    sectionId);
        }
        return "{}";
    }

    private static void guard(String token) {
        String expected = System.getenv("TANDEM_ADMIN_TOKEN");
        if (expected == null || !expected.equals(token)) {
            throw new WebApplicationException(403);
        }
    }

    private String[] one(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new WebApplicationException("nothing for " + sql + " " + List.of(args), 404);
                }
                String[] row = new String[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getString(i + 1);
                }
                return row;
            }
        }
    }

    private void exec(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
