package app.tandem.it;

import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import app.tandem.lti.api.LaunchSessions;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alignment suggestions end to end, inside the server (so the test can seed a course map with SQL while the
 * course-map pages are built elsewhere): a district of its own on a {@link TestPlatform}, whose coordinator imports
 * and enables the real CCSS Math package through the API; a grade-7 section with items; suggestions as the htmx
 * fragment and as JSON; dismissals; what is left out; who is refused (students, teachers of another section,
 * another district, no session) and bad input (unknown item, item of another section, unknown standard, limit).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuggestionsIT {
    private static final String TOOL = Deployments.toolBase();
    private static final String CCSS_MATH = "suggestions-it/ccss-math.json";
    private static final PlatformPerJvm PLATFORM = new PlatformPerJvm("SuggestionsIT");
    private static final PlatformPerJvm OTHER_DISTRICT = new PlatformPerJvm("SuggestionsIT-other");

    private static String teacher;
    private static String student;
    private static String otherTeacher;
    private static String outsider;
    private static String sectionId;
    private static String otherSectionId;
    private static String ratioItem;
    private static String otherSectionItem;
    private static String emptyItem;

    @Inject
    LaunchSessions sessions;

    @Deployment
    static WebArchive app() {
        File math = Path.of("../shared/data/standards/opensalt_ccss-math_cfpackage-2016-draft.json").toFile();
        if (!math.isFile()) {
            math = new File("/work/shared/data/standards/opensalt_ccss-math_cfpackage-2016-draft.json");
        }
        return Deployments.tandemWithTestPlatform().addAsResource(math, CCSS_MATH);
    }

    @Test
    @Order(1)
    void aCoordinatorImportsAndEnablesCcssMathAndTeachersSeedACourseMap() throws Exception {
        TestPlatform platform = PLATFORM.get();
        String coordinator = session(platform, Person.of("Katherine Johnson", null, INSTITUTION_ADMIN));
        byte[] file;
        try (InputStream in = SuggestionsIT.class.getClassLoader().getResourceAsStream(CCSS_MATH)) {
            file = in.readAllBytes();
        }
        HttpResponse<String> started = send(coordinator, "POST", "/api/standards/imports?name=ccss-math.json", "application/json", file);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonObject job = waitFor(coordinator, object(started.body()).getString("id"));
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        String framework = job.getString("frameworkId");
        HttpResponse<String> enabled = send(coordinator, "PUT", "/api/standards/frameworks/" + framework + "/enablement", "application/json",
                "{\"enabled\":true}".getBytes(StandardCharsets.UTF_8));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);

        Section grade7 = Section.named("Math 7 — Period 1");
        Section grade7b = Section.named("Math 7 — Period 4");
        teacher = session(platform, Person.of("Mary Jackson", grade7, INSTRUCTOR));
        student = session(platform, Person.of("Ada Student", grade7, LEARNER));
        otherTeacher = session(platform, Person.of("Dorothy Vaughan", grade7b, INSTRUCTOR));
        outsider = session(OTHER_DISTRICT.get(), Person.of("Teacher Elsewhere", Section.named("Math 7"), INSTRUCTOR));
        sectionId = sessions.resolve(teacher).orElseThrow().sectionId();
        otherSectionId = sessions.resolve(otherTeacher).orElseThrow().sectionId();
        String districtId = sessions.resolve(teacher).orElseThrow().districtId();

        try (Connection c = dataSource().getConnection()) {
            exec(c, "INSERT INTO al_section_settings (section_id, district_id, grades, updated_at, version) VALUES (?,?,'07',?,0)",
                    sectionId, districtId, OffsetDateTime.now());
            String unit = unit(c, sectionId, districtId, "Proportional relationships", "Ratios and rates in everyday situations.");
            ratioItem = item(c, unit, sectionId, "Unit rates with fractions",
                    "If Maria walks 1/2 mile in each 1/4 hour, how many miles per hour is that? Compute the unit rate and compare the ratios.");
            emptyItem = item(c, unit, sectionId, "Welcome", null);
            String otherUnit = unit(c, otherSectionId, districtId, "Other period", null);
            otherSectionItem = item(c, otherUnit, otherSectionId, "Percent problems", "Find 30% of 120.");
        }
    }

    @Test
    @Order(2)
    void theFragmentRanksRatioStandardsFirstWithAcceptAndDismissButtons() {
        HttpResponse<String> page = get(teacher, "/app/course/" + sectionId + "/items/" + ratioItem + "/suggestions");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("data-testid=\"suggestions\"").contains("Suggested standards").contains("aria-live=\"polite\"");
        String[] suggestions = html.split("data-testid=\"suggestion\"");
        assertThat(suggestions).as(html).hasSizeGreaterThan(3);
        assertThat(suggestions[1]).contains("7.RP.A.1");
        assertThat(html).contains("hx-post=\"" + Deployments.toolBase().replaceFirst("^https?://[^/]+", "") + "/app/course/" + sectionId
                + "/items/" + ratioItem + "/alignments\"");
        assertThat(html).contains("hx-target=\"#alignments-" + ratioItem + "\"").contains("hx-swap=\"outerHTML\"")
                .contains("hx-include=\"#sugg-type-" + ratioItem + "\"").contains("/suggestions/").contains("/dismiss\"")
                .contains("National Governors Association").contains("static/suggestions.js");
        assertThat(html).doesNotContain("<script>");
        assertThat(acceptAs(html)).as("a resource without a type is taught").isEqualTo("TEACHES");
    }

    @Test
    @Order(2)
    void anAssessmentsSuggestionsAreAcceptedAsAssessedUnlessTheTeacherChoosesOtherwise() throws Exception {
        String quiz;
        try (Connection c = dataSource().getConnection()) {
            quiz = item(c, unitOf(c, ratioItem), sectionId, "Unit rate quiz", "Compute unit rates with fractions and compare the ratios.");
            exec(c, "UPDATE al_item SET resource_type = 'assessment' WHERE id = ?", quiz);
        }
        String html = get(teacher, "/app/course/" + sectionId + "/items/" + quiz + "/suggestions").body();
        assertThat(html).contains("<label for=\"sugg-type-" + quiz + "\">Accept as</label>");
        assertThat(acceptAs(html)).isEqualTo("ASSESSES");

        String standard = object(get(teacher, "/api/sections/" + sectionId + "/items/" + quiz + "/suggestions?limit=1").body())
                .getJsonArray("suggestions").getJsonObject(0).getString("standardId");
        // what the Accept button sends: its standardId and the chosen type from the included select
        HttpResponse<String> accepted = send(teacher, "POST", "/app/course/" + sectionId + "/items/" + quiz + "/alignments",
                "application/x-www-form-urlencoded", ("standardId=" + standard + "&type=PRACTISES").getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT alignment_type FROM al_alignment WHERE item_id = ? AND standard_id = ?")) {
            ps.setString(1, quiz);
            ps.setString(2, standard);
            var rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("PRACTISES");
        }
    }

    /** The value of the selected option of the panel's "Accept as" choice. */
    private static String acceptAs(String html) {
        var m = java.util.regex.Pattern.compile("<option value=\"(\\w+)\" selected>").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    private static String unitOf(Connection c, String item) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT unit_id FROM al_item WHERE id = ?")) {
            ps.setString(1, item);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    @Order(3)
    void theApiRanksWithinTheSectionsGradeAndExplainsWhy() {
        JsonObject r = object(get(teacher, "/api/sections/" + sectionId + "/items/" + ratioItem + "/suggestions?limit=5").body());
        JsonArray list = r.getJsonArray("suggestions");
        assertThat(list).hasSize(5);
        JsonObject first = list.getJsonObject(0);
        assertThat(first.getString("code")).endsWith("7.RP.A.1");
        assertThat(first.getJsonArray("matchedWords").toString()).contains("unit").contains("rate");
        assertThat(first.getJsonArray("reasons").toString()).contains("fractions");
        assertThat(list.stream().map(v -> v.asJsonObject().getJsonArray("grades").toString())).allMatch(g -> g.contains("07"));
        assertThat(r.getJsonArray("grades").toString()).contains("07");
    }

    @Test
    @Order(4)
    void dismissedAndAlignedStandardsAreLeftOutAndNothingIsAlignedBySuggesting() throws Exception {
        JsonArray before = object(get(teacher, "/api/sections/" + sectionId + "/items/" + ratioItem + "/suggestions").body())
                .getJsonArray("suggestions");
        String top = before.getJsonObject(0).getString("standardId");
        String second = before.getJsonObject(1).getString("standardId");
        HttpResponse<String> dismissed = post(teacher, "/app/course/" + sectionId + "/items/" + ratioItem + "/suggestions/" + top + "/dismiss");
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(200);
        assertThat(dismissed.body()).contains("data-testid=\"suggestion-list\"").doesNotContain("data-standard-id=\"" + top + "\"");
        assertThat(post(teacher, "/api/sections/" + sectionId + "/items/" + ratioItem + "/suggestions/" + top + "/dismiss").statusCode())
                .as("idempotent").isEqualTo(204);
        try (Connection c = dataSource().getConnection()) {
            exec(c, "INSERT INTO al_alignment (id, item_id, section_id, standard_id, framework_id, alignment_type, created_at) "
                    + "VALUES (?,?,?,?,'f','PRACTISES',?)", UUID.randomUUID().toString(), ratioItem, sectionId, second, OffsetDateTime.now());
        }
        String after = get(teacher, "/api/sections/" + sectionId + "/items/" + ratioItem + "/suggestions?limit=50").body();
        assertThat(object(after).getJsonArray("suggestions")).isNotEmpty();
        assertThat(after).doesNotContain(top).doesNotContain(second);
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM al_alignment WHERE item_id = ?")) {
            ps.setString(1, ratioItem);
            var rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as("only the alignment the test made").isEqualTo(1);
        }
    }

    @Test
    @Order(5)
    void anItemWithoutMathematicsGetsAFriendlyEmptyList() {
        HttpResponse<String> page = get(teacher, "/app/course/" + sectionId + "/items/" + emptyItem + "/suggestions?part=list");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"suggestion-list\"").doesNotContain("Suggested standards");
    }

    @Test
    @Order(6)
    void studentsOtherTeachersOtherDistrictsAndNoSessionAreRefused() {
        String path = "/items/" + ratioItem + "/suggestions";
        assertThat(get(student, "/app/course/" + sectionId + path).statusCode()).isEqualTo(403);
        HttpResponse<String> api = get(student, "/api/sections/" + sectionId + path);
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(get(otherTeacher, "/app/course/" + sectionId + path).statusCode()).isEqualTo(403);
        assertThat(get(outsider, "/api/sections/" + sectionId + path).statusCode()).isEqualTo(404);
        assertThat(get(null, "/api/sections/" + sectionId + path).statusCode()).isEqualTo(401);
        assertThat(get(null, "/app/course/" + sectionId + path).statusCode()).isEqualTo(401);
        String dismiss = "/api/sections/" + sectionId + path + "/" + UUID.randomUUID() + "/dismiss";
        assertThat(post(student, dismiss).statusCode()).isEqualTo(403);
        assertThat(get(teacher, dismiss).statusCode()).as("no state change on GET").isEqualTo(405);
    }

    @Test
    @Order(7)
    void badInputIsA4xxNeverA500() {
        String base = "/api/sections/" + sectionId + "/items/";
        HttpResponse<String> unknown = get(teacher, base + UUID.randomUUID() + "/suggestions");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no such item");
        assertThat(get(teacher, base + otherSectionItem + "/suggestions").statusCode()).as("item of another section").isEqualTo(404);
        assertThat(get(otherTeacher, "/app/course/" + otherSectionId + "/items/" + ratioItem + "/suggestions").statusCode()).isEqualTo(404);
        HttpResponse<String> fragment = get(teacher, "/app/course/" + sectionId + "/items/" + "x".repeat(300) + "/suggestions");
        assertThat(fragment.statusCode()).isEqualTo(404);
        assertThat(fragment.headers().firstValue("X-Tandem-Fragment")).contains("problem");
        assertThat(get(teacher, base + ratioItem + "/suggestions?limit=0").statusCode()).isEqualTo(400);
        assertThat(get(teacher, base + ratioItem + "/suggestions?limit=banana").statusCode()).isIn(400, 404);
        assertThat(post(teacher, base + ratioItem + "/suggestions/" + UUID.randomUUID() + "/dismiss").statusCode()).isEqualTo(404);
        assertThat(get(teacher, "/api/sections/" + UUID.randomUUID() + "/items/" + ratioItem + "/suggestions").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void closePlatforms() {
        PLATFORM.close();
        OTHER_DISTRICT.close();
    }

    // ---- helpers

    private static String session(TestPlatform platform, Person person) {
        HttpResponse<String> home = platform.launch(new Browser(), person);
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        return Html.sessionToken(home.body());
    }

    private static HttpResponse<String> get(String session, String path) {
        return session == null ? new Browser().get(TOOL + path) : new Browser().get(TOOL + path, "X-Tandem-Session", session);
    }

    private static HttpResponse<String> post(String session, String path) {
        return new Browser().post(TOOL + path, "X-Tandem-Session", session);
    }

    private static HttpResponse<String> send(String session, String method, String path, String contentType, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TOOL + path)).header("X-Tandem-Session", session)
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject waitFor(String session, String jobId) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject job = object(get(session, "/api/standards/imports/" + jobId).body());
            if (List.of("SUCCEEDED", "FAILED").contains(job.getString("status"))) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("import " + jobId + " did not finish in time");
    }

    private static JsonObject object(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }

    private static DataSource dataSource() throws Exception {
        return (DataSource) new InitialContext().lookup("jdbc/tandem");
    }

    private static String unit(Connection c, String section, String district, String title, String description) throws Exception {
        String id = UUID.randomUUID().toString();
        exec(c, "INSERT INTO al_unit (id, section_id, district_id, title, description, position, version, created_at, updated_at) "
                + "VALUES (?,?,?,?,?,0,0,?,?)", id, section, district, title, description, OffsetDateTime.now(), OffsetDateTime.now());
        return id;
    }

    private static String item(Connection c, String unit, String section, String title, String description) throws Exception {
        String id = UUID.randomUUID().toString();
        exec(c, "INSERT INTO al_item (id, unit_id, section_id, kind, title, description, position, version, created_at, updated_at) "
                + "VALUES (?,?,?,'RESOURCE',?,?,0,0,?,?)", id, unit, section, title, description, OffsetDateTime.now(), OffsetDateTime.now());
        return id;
    }

    private static void exec(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
