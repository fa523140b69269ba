package app.tandem.it;

import static app.tandem.it.TestPlatform.DL;
import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static app.tandem.it.TestPlatform.LTI;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.alignment.CourseMapFixture;
import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import app.tandem.lti.api.LaunchSessions;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import app.tandem.standards.domain.StandardsStore;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * The student view end to end, in the server against a test LMS: a coordinator imports CCSS Math, a course map is
 * seeded with SQL (a visible video, a reading, a hidden draft, a teacher note, another section's item), then
 * students, teachers and coordinators launch. Students see only student-visible content (HTML and JSON); "I can…"
 * statements fall back section → district → official; the deep-linking picker offers the student view, units and
 * resources, and the LMS gets their targets back; launching a placed link opens the right page, a foreign or
 * unknown target a friendly 404. Authorization: another section's student 403, another district 404, no session 401.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudentViewIT {
    private static final String TOOL = Deployments.toolBase();
    private static final PlatformPerJvm PLATFORM = new PlatformPerJvm("StudentViewIT");
    private static final PlatformPerJvm ELSEWHERE = new PlatformPerJvm("StudentViewIT-other");
    private static final String NOTE_TEXT = "Jamal needs extra time";

    @Inject
    StandardsStore standardsStore;

    @Inject
    StandardsCatalog catalog;

    @Inject
    LaunchSessions sessions;

    private static final Section PERIOD_1 = Section.named("Math 7 — Period 1");
    private static final Section PERIOD_4 = Section.named("Math 7 — Period 4");
    private static final Person TEACHER = Person.of("Katherine Johnson", PERIOD_1, INSTRUCTOR);
    private static final Person STUDENT = Person.of("Mae Jemison", PERIOD_1, LEARNER);
    private static final Person OTHER_STUDENT = Person.of("Guion Bluford", PERIOD_4, LEARNER);
    private static final Person COORDINATOR = Person.of("Mary Jackson", null, INSTITUTION_ADMIN);

    /** Ids of the seeded course map (statics: every test runs in the server's JVM). */
    static String framework;
    static String sectionId;
    static String otherSectionId;
    static String unit1;
    static String unit2;
    static String video;
    static String reading;
    static String draft;
    static String note;
    static String foreign;
    static Map<String, String> standards = new LinkedHashMap<>();

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform().addClasses(CourseMapFixture.class, ToolHttp.class);
    }

    private static TestPlatform platform() {
        return PLATFORM.get();
    }

    @AfterAll
    static void stopPlatforms() {
        PLATFORM.close();
        ELSEWHERE.close();
    }

    @Test
    @Order(1)
    void seedsACourseMapAgainstTheImportedCcss() throws Exception {
        String coordinator = session(platform().launch(new Browser(), COORDINATOR));
        Path file = ToolHttp.standardsFile("opensalt_ccss-math_cfpackage-2016-draft.json");
        JsonObject job = ToolHttp.importStandards(coordinator, "ccss-math.json", Files.readString(file));
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        framework = job.getString("frameworkId");
        assertThat(ToolHttp.send(coordinator, "PUT", "/api/standards/frameworks/" + framework + "/enablement", "application/json",
                "{\"enabled\":true,\"grades\":\"7\"}").statusCode()).isEqualTo(200);

        sectionId = sessions.resolve(session(platform().launch(new Browser(), TEACHER))).orElseThrow().sectionId();
        otherSectionId = sessions.resolve(session(platform().launch(new Browser(), OTHER_STUDENT))).orElseThrow().sectionId();
        String districtId = platform().districtId();
        StandardsCatalog.Outline outline = catalog.outline(districtId, framework);
        for (String code : List.of("7.RP.A.1", "7.RP.A.2", "7.RP.A.3", "7.EE.A.1", "7.EE.A.2", "7.NS.A.1")) {
            standards.put(code, outline.items().stream().filter(s -> ("CCSS.Math.Content." + code).equals(s.code()))
                    .map(StandardRef::id).findFirst().orElseThrow());
        }

        CourseMapFixture map = new CourseMapFixture(standardsStore.dataSource());
        unit1 = map.unit(sectionId, districtId, "Unit 1: Ratios and rates", "How fast, how much.");
        unit2 = map.unit(sectionId, districtId, "Unit 2: Expressions", null);
        video = map.resource(unit1, sectionId, "Unit rates in the kitchen (video)", "https://videos.example/unit-rates");
        reading = map.item(unit2, sectionId, "RESOURCE", "Equivalent expressions", "https://books.example/ch4", "reading", "Pages 4 to 6.", true);
        draft = map.item(unit1, sectionId, "RESOURCE", "Quiz draft: ratios", "https://quiz.example/1", "assessment", null, false);
        note = map.item(unit1, sectionId, "NOTE", "Teacher note", null, null, NOTE_TEXT, true);
        align(map, video, sectionId, "7.RP.A.1", "TEACHES");
        align(map, video, sectionId, "7.RP.A.2", "PRACTISES");
        align(map, draft, sectionId, "7.RP.A.3", "ASSESSES");
        align(map, note, sectionId, "7.RP.A.1", "TEACHES");
        align(map, note, sectionId, "7.EE.A.1", "TEACHES");
        align(map, reading, sectionId, "7.EE.A.2", "TEACHES");
        String otherUnit = map.unit(otherSectionId, districtId, "Period 4 unit", null);
        foreign = map.resource(otherUnit, otherSectionId, "Period 4 game", "https://game.example/");
        align(map, foreign, otherSectionId, "7.NS.A.1", "TEACHES");
    }

    private static void align(CourseMapFixture map, String item, String section, String code, String type) {
        map.align(item, section, standards.get(code), framework, "CCSS.Math.Content." + code, type);
    }

    @Test
    @Order(2)
    void studentsSeeOnlyStudentVisibleContentByUnitInHtmlAndJson() throws Exception {
        HttpResponse<String> home = platform().launch(new Browser(), STUDENT);
        String student = session(home);
        assertThat(home.body()).contains("hx-get=\"" + Deployments.toolBase().replaceFirst("https?://[^/]+", "") + "/app/learn\"");

        HttpResponse<String> page = ToolHttp.get(student, "/app/learn");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"learn\"", "Unit 1: Ratios and rates", "Unit 2: Expressions",
                        "Unit rates in the kitchen (video)", "Equivalent expressions", "7.RP.A.1", "7.RP.A.2", "7.EE.A.2",
                        "href=\"https://videos.example/unit-rates\" target=\"_blank\" rel=\"noopener noreferrer\"", "National Governors Association")
                .doesNotContain("Quiz draft", "Teacher note", NOTE_TEXT, "7.RP.A.3", "7.EE.A.1", "Period 4", "7.NS.A.1");

        JsonObject json = ToolHttp.object(ToolHttp.get(student, "/api/sections/" + sectionId + "/student-view").body());
        assertThat(json.getJsonArray("units")).hasSize(2);
        JsonObject first = json.getJsonArray("units").getJsonObject(0);
        assertThat(first.getString("title")).isEqualTo("Unit 1: Ratios and rates");
        assertThat(first.getJsonArray("standards").getValuesAs(JsonObject.class)).extracting(s -> s.getString("shortCode"))
                .containsExactly("7.RP.A.1", "7.RP.A.2");
        assertThat(first.getJsonArray("standards").getJsonObject(0).getJsonArray("resources").getValuesAs(JsonObject.class))
                .extracting(r -> r.getString("id")).containsExactly(video);
        assertThat(json.toString()).doesNotContain("Quiz draft", "Teacher note", NOTE_TEXT, draft, note, foreign, "7.RP.A.3", "7.EE.A.1");
        assertThat(json.getJsonArray("licenceNotices").toString()).contains("National Governors Association");
    }

    @Test
    @Order(3)
    void statementsFallBackFromTheSectionToTheDistrictToTheOfficialWording() throws Exception {
        String teacher = session(platform().launch(new Browser(), TEACHER));
        String coordinator = session(platform().launch(new Browser(), COORDINATOR));
        String rp1 = standards.get("7.RP.A.1");
        String rp2 = standards.get("7.RP.A.2");

        HttpResponse<String> form = ToolHttp.get(teacher, "/app/course/" + sectionId + "/statements");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"s-" + rp1 + "\"", "name=\"s-" + standards.get("7.RP.A.3") + "\"", "maxlength=\"1000\"",
                "National Governors Association");
        HttpResponse<String> saved = ToolHttp.send(teacher, "POST", "/app/course/" + sectionId + "/statements", "application/x-www-form-urlencoded",
                Browser.urlEncoded(Map.of("s-" + rp1, "I can find a unit rate.")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved: 1 statement changed.");
        HttpResponse<String> district = ToolHttp.send(coordinator, "POST", "/app/district/statements", "application/x-www-form-urlencoded",
                Browser.urlEncoded(Map.of("framework", framework, "s-" + rp1, "District words for unit rates.",
                        "s-" + rp2, "I can tell when two quantities are proportional.")));
        assertThat(district.statusCode()).as(district.body()).isEqualTo(200);
        assertThat(district.body()).contains("Saved: 2 statements changed.");

        String student = session(platform().launch(new Browser(), STUDENT));
        JsonObject json = ToolHttp.object(ToolHttp.get(student, "/api/sections/" + sectionId + "/student-view").body());
        List<JsonObject> shown = new ArrayList<>();
        json.getJsonArray("units").getValuesAs(JsonObject.class).forEach(u -> shown.addAll(u.getJsonArray("standards").getValuesAs(JsonObject.class)));
        assertThat(shown).extracting(s -> s.getString("statement")).containsExactly("I can find a unit rate.",
                "I can tell when two quantities are proportional.", catalog.standard(platform().districtId(), standards.get("7.EE.A.2"))
                        .orElseThrow().statement());
        assertThat(shown).extracting(s -> s.getString("statementSource")).containsExactly("section", "district", "official");
        assertThat(ToolHttp.get(student, "/app/learn").body()).contains("I can find a unit rate.").doesNotContain("District words for unit rates.");

        // validation: too long, a standard not aligned here, students
        HttpResponse<String> tooLong = ToolHttp.send(teacher, "POST", "/app/course/" + sectionId + "/statements", "application/x-www-form-urlencoded",
                Browser.urlEncoded(Map.of("s-" + rp1, "x".repeat(1001))));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.headers().firstValue("X-Tandem-Fragment")).hasValue("problem");
        assertThat(tooLong.body()).contains("nothing was saved", "Keep it to 1000 characters (this one has 1001)", "aria-invalid=\"true\"");
        assertThat(ToolHttp.send(teacher, "POST", "/app/course/" + sectionId + "/statements", "application/x-www-form-urlencoded",
                Browser.urlEncoded(Map.of("s-" + standards.get("7.NS.A.1"), "I can"))).statusCode()).isEqualTo(400);
        assertThat(ToolHttp.send(student, "POST", "/app/course/" + sectionId + "/statements", "application/x-www-form-urlencoded",
                Browser.urlEncoded(Map.of("s-" + rp1, "mine"))).statusCode()).isEqualTo(403);
        assertThat(ToolHttp.get(teacher, "/app/district/statements").statusCode()).isEqualTo(403);
        assertThat(ToolHttp.get(student, "/api/sections/" + sectionId + "/student-view").body()).contains("I can find a unit rate.");
    }

    @Test
    @Order(4)
    void teachersPreviewWhatStudentsSee() throws Exception {
        String teacher = session(platform().launch(new Browser(), TEACHER));
        HttpResponse<String> preview = ToolHttp.get(teacher, "/app/course/" + sectionId + "/student-preview");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("data-testid=\"student-preview-banner\"", "what your students see", "Unit rates in the kitchen (video)")
                .doesNotContain("Quiz draft", NOTE_TEXT);
        String student = session(platform().launch(new Browser(), STUDENT));
        assertThat(ToolHttp.get(student, "/app/course/" + sectionId + "/student-preview").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void onlyTheSectionsPeopleReadItAndASessionIsNeeded() throws Exception {
        String otherStudent = session(platform().launch(new Browser(), OTHER_STUDENT));
        HttpResponse<String> foreignSection = ToolHttp.get(otherStudent, "/api/sections/" + sectionId + "/student-view");
        assertThat(foreignSection.statusCode()).isEqualTo(403);
        assertThat(foreignSection.body()).doesNotContain("Unit rates");
        assertThat(ToolHttp.get(otherStudent, "/app/learn").body()).contains("Period 4 game").doesNotContain("Unit rates");

        Section elsewhere = Section.named("Math 7 elsewhere");
        String outsider = session(ELSEWHERE.get().launch(new Browser(), Person.of("Dorothy Vaughan", elsewhere, INSTRUCTOR)));
        HttpResponse<String> otherDistrict = ToolHttp.get(outsider, "/api/sections/" + sectionId + "/student-view");
        assertThat(otherDistrict.statusCode()).isEqualTo(404);
        assertThat(ToolHttp.get(outsider, "/app/course/" + sectionId + "/student-preview").statusCode()).isEqualTo(404);
        assertThat(ToolHttp.get(outsider, "/app/course/" + sectionId + "/statements").statusCode()).isEqualTo(404);

        HttpResponse<String> anonymous = ToolHttp.get(null, "/api/sections/" + sectionId + "/student-view");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(ToolHttp.get(null, "/app/learn").statusCode()).isEqualTo(401);
        assertThat(ToolHttp.get("forged", "/app/course/" + sectionId + "/statements").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void theDeepLinkingPickerOffersAlignedContentAndTheLmsGetsItsTargets() {
        Map<String, Object> settings = platform().deepLinkingSettings();
        settings.put("accept_multiple", true);
        Browser b = new Browser();
        HttpResponse<String> picker = platform().launch(b, TEACHER, TestPlatform.deepLinkingRequest(settings));
        assertThat(picker.statusCode()).as(picker.body()).isEqualTo(200);
        assertThat(picker.body()).contains("value=\"course-home\"", "value=\"student-view\"", "value=\"unit-" + unit1 + "\"",
                        "value=\"resource-" + video + "\"", "value=\"resource-" + reading + "\"", "data-testid=\"deep-linking-group\"",
                        "<legend>Unit 1: Ratios and rates</legend>")
                .doesNotContain(draft, note, foreign, NOTE_TEXT);

        HttpResponse<String> autopost = b.postFormPairs(TOOL + "/app/deep-link", "session", Html.sessionToken(picker.body()),
                "item", "student-view", "item", "unit-" + unit1, "item", "resource-" + video);
        assertThat(autopost.statusCode()).as(autopost.body()).isEqualTo(200);
        assertThat(b.submit(Browser.form(autopost)).statusCode()).isEqualTo(200);
        List<TestPlatform.DeepLinkReturn> returns = platform().deepLinkReturns();
        List<Map<String, Object>> items = items(returns.get(returns.size() - 1).claims().getClaim(DL + "content_items"));
        assertThat(items).extracting(i -> i.get("custom")).containsExactly(Map.of("tandem_target", "student-view"),
                Map.of("tandem_target", "unit:" + unit1), Map.of("tandem_target", "resource:" + video));
        assertThat(items).extracting(i -> i.get("title")).containsExactly("What we are learning", "Unit 1: Ratios and rates: what we are learning",
                "Unit rates in the kitchen (video)");

        // a hidden draft or another section's item cannot be placed, even by a forged form
        HttpResponse<String> forged = b.postFormPairs(TOOL + "/app/deep-link", "session",
                Html.sessionToken(platform().launch(b, TEACHER, TestPlatform.deepLinkingRequest(settings)).body()), "item", "resource-" + draft);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).doesNotContain("name=\"JWT\"");
    }

    @Test
    @Order(7)
    void launchingAPlacedLinkOpensItsPageWithEditLinksForTeachers() {
        HttpResponse<String> resource = placed(STUDENT, "resource:" + video);
        assertThat(resource.statusCode()).as(resource.body()).isEqualTo(200);
        assertThat(Html.testId(resource.body(), "learn-resource-page")).isEqualTo("Unit rates in the kitchen (video)");
        assertThat(resource.body()).contains("href=\"https://videos.example/unit-rates\" target=\"_blank\" rel=\"noopener noreferrer\" data-testid=\"learn-open\"",
                        "I can find a unit rate.", "I can tell when two quantities are proportional.", "National Governors Association")
                .doesNotContain("data-testid=\"learn-edit\"", NOTE_TEXT, "7.RP.A.3");
        assertThat(Html.sessionToken(resource.body())).isNotNull();
        assertThat(placed(TEACHER, "resource:" + video).body()).contains("data-testid=\"learn-edit\"", "/app/course/" + sectionId);

        HttpResponse<String> unit = placed(STUDENT, "unit:" + unit1);
        assertThat(unit.statusCode()).isEqualTo(200);
        assertThat(Html.testId(unit.body(), "learn-unit-page")).isEqualTo("Unit 1: Ratios and rates");
        assertThat(unit.body()).contains("Unit rates in the kitchen (video)", "I can find a unit rate.").doesNotContain("Equivalent expressions", "Quiz draft");

        HttpResponse<String> view = placed(STUDENT, "student-view");
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("data-testid=\"learn-page\"", "Unit 2: Expressions").doesNotContain("data-testid=\"student-preview-banner\"");
        assertThat(placed(TEACHER, "student-view").body()).contains("data-testid=\"student-preview-banner\"");

        HttpResponse<String> teachersDraft = placed(TEACHER, "resource:" + draft);
        assertThat(teachersDraft.statusCode()).isEqualTo(200);
        assertThat(teachersDraft.body()).contains("data-testid=\"learn-hidden\"");

        HttpResponse<String> home = placed(STUDENT, "home");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("id=\"student-home\"");
    }

    @Test
    @Order(8)
    void unknownHiddenOrForeignTargetsAreAFriendlyNotFound() {
        for (String target : List.of("resource:" + draft, "resource:" + note, "resource:" + foreign, "unit:" + "nope", "resource:",
                "bogus:1", "x".repeat(300))) {
            HttpResponse<String> page = placed(STUDENT, target);
            assertThat(page.statusCode()).as(target).isEqualTo(404);
            assertThat(page.body()).as(target).contains("data-testid=\"learn-missing\"").doesNotContain("Quiz draft", NOTE_TEXT, "Period 4 game");
            assertThat(Html.sessionToken(page.body())).as("the person can still open the course home").isNotNull();
        }
        assertThat(placed(TEACHER, "resource:" + foreign).statusCode()).isEqualTo(404);
    }

    // ---- helpers

    private HttpResponse<String> placed(Person person, String target) {
        Consumer<TestPlatform.Token> link = t -> t.claims().claim(LTI + "custom", Map.of("tandem_target", target))
                .claim(LTI + "resource_link", Map.of("id", "placed-" + Math.abs(target.hashCode()), "title", "Placed"));
        return platform().launch(new Browser(), person, link);
    }

    private static String session(HttpResponse<String> launch) {
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
        String token = Html.sessionToken(launch.body());
        assertThat(token).as("session token").isNotNull();
        return token;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Object claim) {
        return (List<Map<String, Object>>) claim;
    }
}
