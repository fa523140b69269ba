package app.tandem.it;

import app.tandem.common.HttpClients;
import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.DistrictDataPart;
import app.tandem.common.DistrictDataPart.Table;
import app.tandem.district.application.DistrictDataSet;
import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import app.tandem.standards.application.SearchService;
import app.tandem.standards.application.StandardsCatalog;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * District data export and erasure end to end (docs/operations.md, "District data export and erasure"), on a district
 * of its own (an in-test LMS) and a second district that must stay untouched: data in every slice (people, sections,
 * memberships, a framework with standards, a saved CASE provider with a client secret, a course map with an
 * alignment, a link group with a plan, audit entries); the admin API's ZIP (manifest counts match the files, every
 * exported table present, no secret, nothing of the other district); the coordinator's page and download (teachers
 * 403, no session 401); erasure refused without the exact name (400, nothing deleted), unknown district 404; erasure
 * with it (every table empty for the district, the other district's counts unchanged, launches refused, the search
 * index without its framework). Before that, one person is erased: gone with their memberships and sessions, their
 * name replaced where it was copied, what they authored kept.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistrictDataIT {
    private static final PlatformPerJvm PLATFORM = new PlatformPerJvm("DistrictDataIT");
    private static final PlatformPerJvm OTHER = new PlatformPerJvm("DistrictDataIT-other");
    private static final Person COORDINATOR = Person.of("Erin Export", null, INSTITUTION_ADMIN);
    private static final Person TEACHER = Person.of("Teodora Teacher", Section.named("Ratios 7A"), INSTRUCTOR);
    private static final Person CO_TEACHER = Person.of("Carl Coteacher", Section.named("Ratios 7B"), INSTRUCTOR);
    private static final Person OTHER_TEACHER = Person.of("Olga Otherdistrict", Section.named("Elsewhere 9"), INSTRUCTOR);
    private static final String SECRET = "s3cret-DistrictDataIT";
    private static final HttpClient HTTP = HttpClients.build(HttpClient.newBuilder());

    @Inject
    StandardsCatalog catalog;

    @Inject
    SearchService search;

    @Inject
    @Any
    Instance<DistrictDataPart> parts;

    static String framework;
    static String providerSecretJwe;

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform().addClasses(ToolHttp.class, LinkGroups.class, Zips.class);
    }

    @AfterAll
    static void stopPlatforms() {
        PLATFORM.close();
        OTHER.close();
    }

    private DistrictDataSet dataSet() {
        return new DistrictDataSet(LinkGroups.dataSource(), parts.stream().toList());
    }

    private static String session(HttpResponse<String> launch) {
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
        return Html.sessionToken(launch.body());
    }

    @Test
    @Order(1)
    void aDistrictWithDataInEverySlice() throws Exception {
        TestPlatform p = PLATFORM.get();
        String coordinator = session(p.launch(new Browser(), COORDINATOR));
        JsonObject job = ToolHttp.importStandards(coordinator, "smartlevel.json",
                Files.readString(ToolHttp.standardsFile("opensalt_smartlevel-test_case1p0.json")));
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        framework = job.getString("frameworkId");
        assertThat(ToolHttp.send(coordinator, "PUT", "/api/standards/frameworks/" + framework + "/enablement", "application/json",
                "{\"enabled\":true}").statusCode()).isEqualTo(200);
        HttpResponse<String> provider = ToolHttp.send(coordinator, "POST", "/api/standards/providers", "application/json",
                Json.createObjectBuilder().add("name", "District CASE server").add("url", "http://127.0.0.1:9/ims/case/v1p0")
                        .add("tokenUrl", "http://127.0.0.1:9/token").add("clientId", "district-client").add("clientSecret", SECRET).build().toString());
        assertThat(provider.statusCode()).as(provider.body()).isEqualTo(201);
        providerSecretJwe = value("SELECT client_secret_jwe FROM std_case_provider WHERE id = ?", ToolHttp.object(provider.body()).getString("id"));
        assertThat(providerSecretJwe).isNotBlank();

        String teacher = session(p.launch(new Browser(), TEACHER));
        session(p.launch(new Browser(), CO_TEACHER));
        String sectionA = LinkGroups.sectionId(p.registrationId(), TEACHER.section().id());
        String sectionB = LinkGroups.sectionId(p.registrationId(), CO_TEACHER.section().id());
        HttpResponse<String> unit = ToolHttp.send(teacher, "POST", "/api/sections/" + sectionA + "/units", "application/json", "{\"title\":\"Unit rates\"}");
        assertThat(unit.statusCode()).as(unit.body()).isEqualTo(201);
        HttpResponse<String> item = ToolHttp.send(teacher, "POST", "/api/sections/" + sectionA + "/items", "application/json",
                "{\"unitId\":\"" + ToolHttp.object(unit.body()).getString("id") + "\",\"title\":\"Tape diagrams worksheet\",\"url\":\"https://example.org/tape\"}");
        assertThat(item.statusCode()).as(item.body()).isEqualTo(201);
        String standard = catalog.outline(p.districtId(), framework).items().get(0).id();
        HttpResponse<String> aligned = ToolHttp.send(teacher, "POST", "/api/sections/" + sectionA + "/alignments", "application/json",
                "{\"itemId\":\"" + ToolHttp.object(item.body()).getString("id") + "\",\"standardId\":\"" + standard + "\",\"type\":\"TEACHES\"}");
        assertThat(aligned.statusCode()).as(aligned.body()).isEqualTo(201);

        LinkGroups.link(p.districtId(), "Ratios co-teaching", sectionA, sectionB);
        HttpResponse<String> plan = ToolHttp.send(teacher, "POST", "/api/plans", "application/json",
                "{\"model\":\"STATION\",\"title\":\"Stations on unit rates\",\"date\":\"2026-12-01\",\"periodMinutes\":50}");
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(201);

        TestPlatform other = OTHER.get();
        session(other.launch(new Browser(), OTHER_TEACHER));
    }

    @Test
    @Order(2)
    void theAdminApiExportsEverythingOfTheDistrictAndNothingElse() throws Exception {
        TestPlatform p = PLATFORM.get();
        HttpResponse<byte[]> r = admin("GET", "/districts/" + p.districtId() + "/export");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                .matches("attachment; filename=\"tandem-district-of-districtdatait-[a-z0-9-]+-\\d{4}-\\d{2}-\\d{2}\\.zip\"");
        Map<String, String> files = Zips.texts(r.body());
        JsonObject manifest = ToolHttp.object(files.get("manifest.json"));
        assertThat(manifest.getInt("formatVersion")).isEqualTo(1);
        assertThat(manifest.getJsonObject("district").getString("id")).isEqualTo(p.districtId());
        assertThat(manifest.getJsonObject("district").getString("name")).isEqualTo(p.districtName());
        List<String> expected = dataSet().exportedTables().stream().map(Table::file).toList();
        assertThat(manifest.getJsonArray("files").getValuesAs(JsonObject.class).stream().map(f -> f.getString("file")).toList())
                .containsExactlyElementsOf(expected);
        assertThat(files.keySet()).containsAll(expected).contains("manifest.json");
        for (JsonObject f : manifest.getJsonArray("files").getValuesAs(JsonObject.class)) {
            assertThat(files.get(f.getString("file")).lines().count()).as(f.getString("file")).isEqualTo(f.getInt("rows"));
        }
        assertThat(files.get("people.jsonl")).contains("Teodora Teacher").contains("Carl Coteacher").contains("Erin Export");
        assertThat(files.get("sections.jsonl")).contains("Ratios 7A").contains("Ratios 7B");
        assertThat(files.get("course-items.jsonl")).contains("Tape diagrams worksheet");
        assertThat(files.get("alignments.jsonl").lines().count()).isEqualTo(1);
        assertThat(files.get("plans.jsonl")).contains("Stations on unit rates");
        assertThat(files.get("link-groups.jsonl")).contains("Ratios co-teaching");
        assertThat(files.get("frameworks.jsonl")).contains(framework);
        assertThat(files.get("standards.jsonl").lines().count()).isEqualTo(catalog.outline(p.districtId(), framework).items().size());
        assertThat(files.get("case-providers.jsonl")).contains("district-client").doesNotContain("client_secret_jwe");
        assertThat(manifest.getJsonArray("leftOut").toString()).contains("client_secret_jwe").contains("launch_session").contains("tool_key");

        String all = new String(r.body(), StandardCharsets.ISO_8859_1) + String.join("\n", files.values());
        assertThat(all).doesNotContain(SECRET).doesNotContain(providerSecretJwe);
        for (String privateKey : values("SELECT private_jwe FROM tool_key")) {
            assertThat(all).doesNotContain(privateKey);
        }
        for (String tokenHash : values("SELECT token_hash FROM launch_session WHERE district_id = ?", p.districtId())) {
            assertThat(all).doesNotContain(tokenHash);
        }
        TestPlatform other = OTHER.get();
        assertThat(all).doesNotContain(other.districtId()).doesNotContain("Olga Otherdistrict").doesNotContain("Elsewhere 9")
                .doesNotContain(other.registrationId());

        HttpResponse<String> log = AdminClient.authorized().send("GET", "/districts/" + p.districtId() + "/audit?action=district.exported", (String) null);
        assertThat(ToolHttp.object(log.body()).getJsonArray("entries").getJsonObject(0).getString("actorKind")).isEqualTo("admin-api");
        assertThat(admin("GET", "/districts/no-such-district/export").statusCode()).isEqualTo(404);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/api/admin/districts/" + p.districtId() + "/export")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void coordinatorsSeeTheirDistrictsDataAndDownloadIt() throws Exception {
        TestPlatform p = PLATFORM.get();
        String coordinator = session(p.launch(new Browser(), COORDINATOR));
        HttpResponse<String> page = ToolHttp.get(coordinator, "/app/district/data");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<caption>").contains("<th scope=\"col\">").contains("people.jsonl").contains("data-table=\"ct_plan\"")
                .contains("/app/district/data/export.zip").contains("?confirm=").contains(p.districtId()).doesNotContain("<script>");
        HttpResponse<byte[]> zip = HTTP.send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/app/district/data/export.zip"))
                .header("X-Tandem-Session", coordinator).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, String> files = Zips.texts(zip.body());
        assertThat(files.get("people.jsonl")).contains("Teodora Teacher");
        assertThat(files.get("audit-log.jsonl")).contains("district.exported").contains("Erin Export");

        String teacher = session(p.launch(new Browser(), TEACHER));
        assertThat(ToolHttp.get(teacher, "/app/district/data").statusCode()).isEqualTo(403);
        assertThat(ToolHttp.get(teacher, "/app/district/data/export.zip").statusCode()).isEqualTo(403);
        assertThat(ToolHttp.get(null, "/app/district/data").statusCode()).isEqualTo(401);
        assertThat(ToolHttp.get(null, "/app/district/data/export.zip").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void erasureNeedsTheDistrictsExactName() throws Exception {
        TestPlatform p = PLATFORM.get();
        Map<String, Long> before = counts(p.districtId());
        HttpResponse<byte[]> missing = admin("DELETE", "/districts/" + p.districtId());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("confirm").contains(p.districtName());
        HttpResponse<byte[]> wrong = admin("DELETE", "/districts/" + p.districtId() + "?confirm=" + enc(p.districtName().toUpperCase()));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(admin("DELETE", "/districts/no-such-district?confirm=x").statusCode()).isEqualTo(404);
        assertThat(counts(p.districtId())).isEqualTo(before);
    }

    @Test
    @Order(5)
    void onePersonIsErasedAndWhatTheyAuthoredStays() throws Exception {
        TestPlatform p = PLATFORM.get();
        String teacher = value("SELECT id FROM person WHERE registration_id = ? AND subject = ?", p.registrationId(), TEACHER.sub());
        String otherTeacher = value("SELECT id FROM person WHERE registration_id = ? AND subject = ?", OTHER.get().registrationId(), OTHER_TEACHER.sub());
        assertThat(admin("DELETE", "/districts/" + p.districtId() + "/people/no-such-person").statusCode()).isEqualTo(404);
        assertThat(admin("DELETE", "/districts/" + p.districtId() + "/people/" + otherTeacher).statusCode()).isEqualTo(404);
        assertThat(count("SELECT COUNT(*) FROM person WHERE id = ?", otherTeacher)).isEqualTo(1);

        HttpResponse<byte[]> erased = admin("DELETE", "/districts/" + p.districtId() + "/people/" + teacher);
        assertThat(erased.statusCode()).as(new String(erased.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonObject tables = ToolHttp.object(new String(erased.body(), StandardCharsets.UTF_8)).getJsonObject("tables");
        assertThat(tables.getInt("person")).isEqualTo(1);
        assertThat(tables.getInt("membership")).isEqualTo(1);
        assertThat(tables.getInt("ct_plan_revision")).isEqualTo(1);
        assertThat(tables.getInt("al_alignment")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM person WHERE id = ?", teacher)).isZero();
        assertThat(count("SELECT COUNT(*) FROM membership WHERE person_id = ?", teacher)).isZero();
        assertThat(count("SELECT COUNT(*) FROM launch_session WHERE person_id = ?", teacher)).isZero();
        assertThat(values("SELECT author_name FROM ct_plan_revision WHERE author_id = ?", teacher)).containsOnly("Deleted person");
        assertThat(values("SELECT created_by_name FROM al_alignment WHERE created_by = ?", teacher)).containsOnly("Deleted person");
        assertThat(values("SELECT title FROM ct_plan WHERE district_id = ?", p.districtId())).containsExactly("Stations on unit rates");
        assertThat(count("SELECT COUNT(*) FROM al_item WHERE title = ?", "Tape diagrams worksheet")).isEqualTo(1);
        Map<String, String> files = Zips.texts(admin("GET", "/districts/" + p.districtId() + "/export").body());
        assertThat(String.join("\n", files.values())).doesNotContain("Teodora Teacher").contains("Tape diagrams worksheet");
        HttpResponse<String> log = AdminClient.authorized().send("GET", "/districts/" + p.districtId() + "/audit?action=person.erased", (String) null);
        assertThat(ToolHttp.object(log.body()).getJsonArray("entries").getJsonObject(0).getString("targetId")).isEqualTo(teacher);
    }

    @Test
    @Order(6)
    void erasureDeletesEveryRowOfTheDistrictAndNothingElse() throws Exception {
        TestPlatform p = PLATFORM.get();
        TestPlatform other = OTHER.get();
        Map<String, Long> otherBefore = counts(other.districtId());
        assertThat(search.index().indexedVersions()).containsKey(framework);

        HttpResponse<byte[]> erased = admin("DELETE", "/districts/" + p.districtId() + "?confirm=" + enc(p.districtName()));
        assertThat(erased.statusCode()).as(new String(erased.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonObject answer = ToolHttp.object(new String(erased.body(), StandardCharsets.UTF_8));
        assertThat(answer.getBoolean("erased")).isTrue();
        assertThat(answer.getJsonObject("tables").getInt("district")).isEqualTo(1);
        assertThat(answer.getJsonObject("tables").getInt("person")).isEqualTo(2);
        assertThat(answer.getJsonObject("tables").getInt("ct_plan")).isEqualTo(1);
        assertThat(answer.getJsonObject("tables").getInt("platform_registration")).isEqualTo(1);

        for (Table t : dataSet().tablesInErasureOrder()) {
            assertThat(count("SELECT COUNT(*) FROM " + t.name() + " WHERE " + t.where(), t.arguments(p.districtId()))).as(t.name()).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM std_item WHERE framework_id = ?", framework)).isZero();
        assertThat(count("SELECT COUNT(*) FROM platform_registration WHERE id = ?", p.registrationId())).isZero();
        assertThat(counts(other.districtId())).isEqualTo(otherBefore);
        assertThat(AdminClient.authorized().send("GET", "/districts/" + p.districtId(), (String) null).statusCode()).isEqualTo(404);

        // the platform's login initiation is refused: Tandem no longer knows the platform
        assertThatThrownBy(() -> p.launch(new Browser(), TEACHER)).hasMessageContaining("login not redirected (HTTP 400)").hasMessageContaining("Tandem does not know this LMS");
        assertThat(search.index().indexedVersions()).doesNotContainKey(framework);
        session(other.launch(new Browser(), OTHER_TEACHER));
    }

    // ---- helpers

    private Map<String, Long> counts(String districtId) {
        Map<String, Long> out = new LinkedHashMap<>();
        dataSet().counts(districtId).forEach(f -> out.put(f.table(), f.rows()));
        return out;
    }

    private static HttpResponse<byte[]> admin(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/api/admin" + path))
                .header("Authorization", "Bearer " + Deployments.adminToken()).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }


    private static long count(String sql, Object... args) throws Exception {
        return Long.parseLong(values(sql, args).get(0));
    }

    private static String value(String sql, Object... args) throws Exception {
        List<String> v = values(sql, args);
        return v.isEmpty() ? null : v.get(0);
    }

    private static List<String> values(String sql, Object... args) throws Exception {
        try (Connection c = LinkGroups.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
