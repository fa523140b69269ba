package app.tandem.it;

import app.tandem.common.HttpClients;
import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Course maps and alignments end to end over HTTP, in a district of its own (an in-test LTI platform): a
 * coordinator imports the real CCSS math package (and a second framework with the same codes), a teacher launched
 * into two sections builds a map through the pages and the JSON API, aligns items one by one, by code and in bulk,
 * removes an alignment and reads the history, meets optimistic-locking conflicts, copies a unit to the other
 * section; students, teachers of another section, coordinators of another district and requests without a session
 * are refused as they should be, and bad input is always a 4xx with a message, never a 500.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CourseMapIT {
    private static final HttpClient HTTP = HttpClients.build(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)));
    private static final Pattern SECTION_ID = Pattern.compile("data-section-id=\"([0-9a-f-]{36})\"");

    private static TestPlatform platform;
    private static TestPlatform otherDistrict;

    private static String teacher;        // teaches A (this session) and B
    private static String teacherInB;
    private static String otherTeacher;   // teaches C only
    private static String student;        // learns in A
    private static String coordinator;
    private static String foreignCoordinator;
    private static String sectionA;
    private static String sectionB;
    private static String sectionC;
    private static String ccss;
    private static String wscb;

    private static String unit1;
    private static String unit2;
    private static String video;
    private static String worksheet;
    private static String note;
    private static String quiz;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void districtWithTeachersAndFrameworks() throws Exception {
        platform = TestPlatform.start("CourseMapIT");
        otherDistrict = TestPlatform.start("CourseMapIT-other");
        Section a = Section.named("Math 7, period 1");
        Section b = Section.named("Math 7, period 3");
        Section c = Section.named("Math 7, period 5");
        Person t = Person.of("Tess Teacher", a, INSTRUCTOR);
        teacher = launch(platform, t);
        teacherInB = launch(platform, t.in(b));
        otherTeacher = launch(platform, Person.of("Oscar Other", c, INSTRUCTOR));
        student = launch(platform, Person.of("Sam Student", a, LEARNER));
        coordinator = launch(platform, Person.of("Cora Coordinator", null, INSTITUTION_ADMIN));
        foreignCoordinator = launch(otherDistrict, Person.of("Fay Foreign", null, INSTITUTION_ADMIN));
        sectionA = sectionOf(teacher);
        sectionB = sectionOf(teacherInB);
        sectionC = sectionOf(otherTeacher);

        ccss = importFile("opensalt_ccss-math_cfpackage-2016-draft.json", Files.readAllBytes(StandardsIT.data("opensalt_ccss-math_cfpackage-2016-draft.json")));
        wscb = importFile("wscb.json", Files.readAllBytes(StandardsIT.data("opensalt_what-standards-could-be_case1p0.json")));
        HttpResponse<String> enabled = api(coordinator, "PUT", "/api/standards/frameworks/" + ccss + "/enablement", "{\"enabled\":true,\"grades\":\"7,8\"}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
    }

    @AfterAll
    static void stopPlatforms() {
        platform.close();
        otherDistrict.close();
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void teacherHomeLoadsTheCourseMapWhichStartsEmpty() throws Exception {
        HttpResponse<String> map = get(teacher, "/app/course");
        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(map.body()).contains("data-testid=\"course-map\"").contains("data-testid=\"cm-empty\"").contains("cm-add-unit")
                .contains("/static/coursemap.js").contains("Math 7, period 1")
                .contains("/app/course/" + sectionA + "/coverage").contains("/app/course/" + sectionA + "/student-preview");
        assertThat(get(teacher, "/app/course/" + sectionA).body()).contains("data-section-id=\"" + sectionA + "\"");
        assertThat(array(get(teacher, "/api/sections/" + sectionA + "/units").body())).isEmpty();

        HttpResponse<String> openapi = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Deployments.httpPort() + "/openapi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/sections/{s}/units").contains("/api/sections/{s}/alignments").contains("Course maps");
    }

    @Test
    @Order(2)
    void teacherBuildsTheMapThroughThePagesAndTheApi() throws Exception {
        HttpResponse<String> added = form(teacher, "POST", "/app/course/" + sectionA + "/units", "title", "Ratios <script>alert(1)</script>",
                "description", "Unit rates and proportional relationships");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.body()).contains("id=\"cm-body\"").contains("hx-swap-oob=\"innerHTML:#map-status\"").contains("Added the unit")
                .contains("Ratios &lt;script&gt;").doesNotContain("<script>alert");
        unit1 = object(api(teacher, "GET", "/api/sections/" + sectionA + "/units", null).body(), 0).getString("id");

        HttpResponse<String> second = api(teacher, "POST", "/api/sections/" + sectionA + "/units", "{\"title\":\"Geometry\"}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        unit2 = object(second.body()).getString("id");
        assertThat(object(second.body()).getInt("position")).isEqualTo(1);

        video = object(created(api(teacher, "POST", "/api/sections/" + sectionA + "/items", "{\"unitId\":\"" + unit1 + "\",\"title\":\"Proportions video\","
                + "\"url\":\"https://video.example/proportions\",\"resourceType\":\"video\",\"description\":\"Graphs of proportional relationships\"}")))
                .getString("id");
        HttpResponse<String> pageItem = form(teacher, "POST", "/app/course/" + sectionA + "/units/" + unit1 + "/items", "kind", "RESOURCE",
                "title", "Unit rate worksheet", "url", "https://docs.example/worksheet", "resourceType", "activity", "studentVisible", "on");
        assertThat(pageItem.statusCode()).as(pageItem.body()).isEqualTo(200);
        assertThat(pageItem.body()).contains("Unit rate worksheet").contains("Added “Unit rate worksheet”");
        note = object(created(api(teacher, "POST", "/api/sections/" + sectionA + "/items", "{\"unitId\":\"" + unit1 + "\",\"kind\":\"NOTE\","
                + "\"title\":\"Seating plan\",\"description\":\"Pair Sam with a buddy\"}"))).getString("id");
        quiz = object(created(api(teacher, "POST", "/api/sections/" + sectionA + "/items", "{\"unitId\":\"" + unit1 + "\",\"kind\":\"LTI_LINK\","
                + "\"resourceType\":\"assessment\",\"studentVisible\":false,\"ltiLink\":{\"type\":\"ltiResourceLink\","
                + "\"url\":\"https://quiz.example/lti/launch\",\"title\":\"Ratios quiz\",\"custom\":{\"quiz\":\"7\"}}}"))).getString("id");

        JsonArray items = array(get(teacher, "/api/sections/" + sectionA + "/items?unitId=" + unit1).body());
        assertThat(items.stream().map(v -> v.asJsonObject().getString("title")).toList())
                .containsExactly("Proportions video", "Unit rate worksheet", "Seating plan", "Ratios quiz");
        worksheet = items.getJsonObject(1).getString("id");
        JsonObject quizItem = items.getJsonObject(3).asJsonObject();
        assertThat(quizItem.getString("kind")).isEqualTo("LTI_LINK");
        assertThat(quizItem.getString("url")).isEqualTo("https://quiz.example/lti/launch");
        assertThat(quizItem.getJsonObject("ltiLink").getJsonObject("custom").getString("quiz")).isEqualTo("7");

        // keyboard reorder: the worksheet moves up, focus stays on its Up button (now the first item: its Down button)
        HttpResponse<String> up = form(teacher, "POST", "/app/course/" + sectionA + "/items/" + worksheet + "/move", "delta", "-1");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("Moved “Unit rate worksheet” to position 1 of 4");
        assertThat(up.body()).containsPattern("id=\"item-down-" + worksheet + "\"[^>]*autofocus");
        assertThat(titles(unit1)).containsExactly("Unit rate worksheet", "Proportions video", "Seating plan", "Ratios quiz");

        // a whole order (drag and drop) with an item dragged in from the other unit; then units swapped
        String geometryItem = object(created(api(teacher, "POST", "/api/sections/" + sectionA + "/items",
                "{\"unitId\":\"" + unit2 + "\",\"title\":\"Angles lesson\",\"resourceType\":\"lesson\"}"))).getString("id");
        HttpResponse<String> drag = form(teacher, "POST", "/app/course/" + sectionA + "/units/" + unit1 + "/items/order",
                "itemIds", video, "itemIds", geometryItem, "itemIds", worksheet, "itemIds", note, "itemIds", quiz);
        assertThat(drag.statusCode()).as(drag.body()).isEqualTo(200);
        assertThat(titles(unit1)).containsExactly("Proportions video", "Angles lesson", "Unit rate worksheet", "Seating plan", "Ratios quiz");
        HttpResponse<String> back = api(teacher, "POST", "/api/sections/" + sectionA + "/items/" + geometryItem + "/move",
                "{\"unitId\":\"" + unit2 + "\",\"version\":" + version(geometryItem) + "}");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(titles(unit2)).containsExactly("Angles lesson");
        HttpResponse<String> stale = form(teacher, "POST", "/app/course/" + sectionA + "/units/" + unit1 + "/items/order", "itemIds", video);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("X-Tandem-Fragment")).hasValue("problem");

        HttpResponse<String> units = api(teacher, "PUT", "/api/sections/" + sectionA + "/units/order", "{\"unitIds\":[\"" + unit2 + "\",\"" + unit1 + "\"]}");
        assertThat(units.statusCode()).as(units.body()).isEqualTo(200);
        assertThat(array(units.body()).getJsonObject(0).getString("id")).isEqualTo(unit2);
        assertThat(form(teacher, "POST", "/app/course/" + sectionA + "/units/" + unit1 + "/move", "delta", "up").statusCode()).isEqualTo(200);
        assertThat(array(get(teacher, "/api/sections/" + sectionA + "/units").body()).getJsonObject(0).getString("id")).isEqualTo(unit1);
    }

    @Test
    @Order(3)
    void teacherAlignsItemsBySearchCodeIdAndInBulkAndReadsTheHistory() throws Exception {
        HttpResponse<String> panel = get(teacher, "/app/course/" + sectionA + "/items/" + video + "/panel");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("hx-get=\"/tandem-it/app/course/" + sectionA + "/items/" + video + "/suggestions\"")
                .contains("hx-trigger=\"load\"").contains("align-by-code");

        HttpResponse<String> search = get(teacher, "/app/course/" + sectionA + "/items/" + video + "/standards?q=" + enc("proportional relationships"));
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("data-testid=\"align-results\"").contains("RP").contains("hx-post=\"/tandem-it/app/course/" + sectionA
                + "/items/" + video + "/alignments\"").contains("data-testid=\"align-teaches\"");

        // by code, through the page: the answer is exactly the item's alignment list
        HttpResponse<String> byCode = form(teacher, "POST", "/app/course/" + sectionA + "/items/" + video + "/alignments", "code", "7.RP.A.2",
                "type", "TEACHES");
        assertThat(byCode.statusCode()).as(byCode.body()).isEqualTo(200);
        assertThat(byCode.body().strip()).startsWith("<div id=\"alignments-" + video + "\"").endsWith("</div>");
        assertThat(byCode.body()).contains("CCSS.Math.Content.7.RP.A.2").contains("teaches").contains("Tess Teacher")
                .contains("data-announce=\"Aligned “Proportions video” to CCSS.Math.Content.7.RP.A.2 (teaches).\"");

        // by id, through the API, as the suggestions' Accept button posts it (standardId + type)
        String rpa1 = standardId("7.RP.A.1", ccss);
        HttpResponse<String> accepted = form(teacher, "POST", "/app/course/" + sectionA + "/items/" + video + "/alignments", "standardId", rpa1,
                "type", "PRACTISES");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("CCSS.Math.Content.7.RP.A.1").contains("practises");
        HttpResponse<String> viaApi = api(teacher, "POST", "/api/sections/" + sectionA + "/alignments",
                "{\"itemId\":\"" + worksheet + "\",\"standardId\":\"" + rpa1 + "\",\"type\":\"ASSESSES\"}");
        assertThat(viaApi.statusCode()).as(viaApi.body()).isEqualTo(201);
        assertThat(object(viaApi.body()).getString("code")).isEqualTo("CCSS.Math.Content.7.RP.A.1");
        assertThat(object(viaApi.body()).getString("createdBy")).isEqualTo("Tess Teacher");
        HttpResponse<String> again = api(teacher, "POST", "/api/sections/" + sectionA + "/alignments",
                "{\"itemId\":\"" + worksheet + "\",\"standardId\":\"" + rpa1 + "\",\"type\":\"assesses\"}");
        assertThat(again.statusCode()).as("aligning twice is idempotent").isEqualTo(200);
        assertThat(object(again.body()).getString("id")).isEqualTo(object(viaApi.body()).getString("id"));

        // bulk: two items to two standards
        HttpResponse<String> bulk = api(teacher, "POST", "/api/sections/" + sectionA + "/alignments",
                "{\"itemIds\":[\"" + video + "\",\"" + worksheet + "\"],\"codes\":[\"7.RP.A.3\",\"7.RP.A.2\"],\"type\":\"PRACTISES\"}");
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(201);
        assertThat(object(bulk.body()).getInt("created")).isEqualTo(4);
        HttpResponse<String> pageBulk = form(teacher, "POST", "/app/course/" + sectionA + "/alignments/bulk", "itemIds", video, "itemIds", worksheet,
                "codes", "7.RP.A.3, 7.RP.A.2", "type", "PRACTISES");
        assertThat(pageBulk.statusCode()).isEqualTo(200);
        assertThat(pageBulk.body()).contains("Aligned 2 items to").contains("0 new alignments, 4 already there");
        assertThat(array(get(teacher, "/api/sections/" + sectionA + "/alignments?itemId=" + video).body())).hasSize(4);

        // remove one; the history has both events, newest first, with who did it
        JsonObject teaches = array(get(teacher, "/api/sections/" + sectionA + "/alignments?itemId=" + video).body()).stream()
                .map(JsonValue::asJsonObject).filter(o -> o.getString("type").equals("TEACHES")).findFirst().orElseThrow();
        HttpResponse<String> removed = form(teacher, "DELETE", "/app/course/" + sectionA + "/items/" + video + "/alignments/" + teaches.getString("id"));
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.body().strip()).startsWith("<div id=\"alignments-" + video + "\"").doesNotContain(">teaches<");
        JsonArray history = array(get(teacher, "/api/sections/" + sectionA + "/alignments/history?itemId=" + video).body());
        assertThat(history.getJsonObject(0).getString("action")).isEqualTo("REMOVED");
        assertThat(history.getJsonObject(0).getString("by")).isEqualTo("Tess Teacher");
        assertThat(history.stream().filter(e -> e.asJsonObject().getString("action").equals("ADDED")).count()).isEqualTo(4);
        assertThat(get(teacher, "/app/course/" + sectionA + "/history").body()).contains("data-testid=\"history\"").contains("removed (teaches)")
                .contains("Proportions video");
        assertThat(api(teacher, "DELETE", "/api/sections/" + sectionA + "/alignments/" + teaches.getString("id"), null).statusCode()).isEqualTo(404);

        // the map shows the alignments in place
        assertThat(get(teacher, "/app/course/" + sectionA).body()).contains("id=\"alignments-" + video + "\"").contains("CCSS.Math.Content.7.RP.A.3");
    }

    @Test
    @Order(4)
    void twoSavesFromTheSameVersionTheSecondIsAConflictNamingWhatChanged() throws Exception {
        long v = version(worksheet);
        HttpResponse<String> first = api(teacher, "PUT", "/api/sections/" + sectionA + "/items/" + worksheet,
                "{\"title\":\"Unit rate worksheet (v2)\",\"url\":\"https://docs.example/worksheet\",\"resourceType\":\"activity\",\"version\":" + v + "}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(object(first.body()).getJsonNumber("version").longValue()).isGreaterThan(v);
        HttpResponse<String> second = api(teacher, "PUT", "/api/sections/" + sectionA + "/items/" + worksheet,
                "{\"title\":\"Unit rate worksheet\",\"url\":\"https://docs.example/worksheet\",\"resourceType\":\"reading\",\"version\":" + v + "}");
        assertThat(second.statusCode()).isEqualTo(409);
        JsonObject error = object(second.body());
        assertThat(error.getString("error")).contains("Someone else changed the item").contains("title (now “Unit rate worksheet (v2)”)")
                .contains("type (now “activity”)").contains("reload");
        assertThat(error.getJsonObject("fields").keySet()).contains("version", "title", "resourceType").doesNotContain("url");

        // the page form: the same refusal as a problem fragment for the form
        HttpResponse<String> page = form(teacher, "PUT", "/app/course/" + sectionA + "/units/" + unit2, "title", "Geometry!", "version", "99");
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.headers().firstValue("X-Tandem-Fragment")).hasValue("problem");
        assertThat(page.body()).contains("data-testid=\"cm-problem\"").contains("Someone else changed the unit “Geometry”").contains("data-fields=\"");

        // both at once, from the same version: exactly one wins
        long u = object(get(teacher, "/api/sections/" + sectionA + "/units/" + unit2).body()).getJsonNumber("version").longValue();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> racing = new ArrayList<>();
        for (String title : new String[] {"Geometry (Ana)", "Geometry (Ben)"}) {
            racing.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return api(teacher, "PUT", "/api/sections/" + sectionA + "/units/" + unit2, "{\"title\":\"" + title + "\",\"version\":" + u + "}")
                            .statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        assertThat(racing.stream().map(CompletableFuture::join).sorted().toList()).containsExactly(200, 409);

        HttpResponse<String> noVersion = api(teacher, "PUT", "/api/sections/" + sectionA + "/units/" + unit2, "{\"title\":\"x\"}");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(object(noVersion.body()).getJsonObject("fields").getString("version")).isEqualTo("required");
    }

    @Test
    @Order(5)
    void studentsReadOnlyWhatStudentsSeeAndChangeNothing() throws Exception {
        JsonArray units = array(get(student, "/api/sections/" + sectionA + "/units").body());
        String all = units.toString();
        assertThat(all).contains("Proportions video").doesNotContain("Seating plan").doesNotContain("Ratios quiz").doesNotContain("Tess Teacher");
        assertThat(get(student, "/api/sections/" + sectionA + "/items/" + note).statusCode()).isEqualTo(404);
        assertThat(get(student, "/app/course/" + sectionA).statusCode()).isEqualTo(403);
        assertThat(get(student, "/app/course").statusCode()).isEqualTo(403);
        assertThat(api(student, "POST", "/api/sections/" + sectionA + "/units", "{\"title\":\"Mine\"}").statusCode()).isEqualTo(403);
        assertThat(api(student, "POST", "/api/sections/" + sectionA + "/alignments",
                "{\"itemId\":\"" + video + "\",\"code\":\"7.RP.A.2\",\"type\":\"TEACHES\"}").statusCode()).isEqualTo(403);
        assertThat(form(student, "POST", "/app/course/" + sectionA + "/items/" + video + "/alignments", "code", "7.RP.A.2", "type", "TEACHES")
                .statusCode()).isEqualTo(403);
        assertThat(get(student, "/api/sections/" + sectionA + "/alignments/history").statusCode()).isEqualTo(403);
        assertThat(api(student, "DELETE", "/api/sections/" + sectionA + "/items/" + video, null).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(6)
    void otherTeachersOtherDistrictsAndNoSessionAreRefused() throws Exception {
        // a teacher of another section of the same district
        assertThat(get(otherTeacher, "/api/sections/" + sectionA + "/units").statusCode()).isEqualTo(403);
        assertThat(get(otherTeacher, "/app/course/" + sectionA).statusCode()).isEqualTo(403);
        assertThat(api(otherTeacher, "PUT", "/api/sections/" + sectionA + "/items/" + video, "{\"title\":\"mine\",\"version\":1}").statusCode())
                .isEqualTo(403);
        assertThat(form(otherTeacher, "DELETE", "/app/course/" + sectionA + "/units/" + unit1).statusCode()).isEqualTo(403);
        // the item of section A under section C's address: not there
        assertThat(api(otherTeacher, "PUT", "/api/sections/" + sectionC + "/items/" + video,
                "{\"title\":\"mine\",\"version\":1}").statusCode()).isEqualTo(404);

        // the district's coordinator reads, read only
        HttpResponse<String> read = get(coordinator, "/app/course/" + sectionA);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("data-testid=\"cm-readonly\"").contains("Proportions video").contains("Seating plan")
                .doesNotContain("cm-add-unit").doesNotContain("data-testid=\"alignment-remove\"").doesNotContain("item-up");
        assertThat(get(coordinator, "/api/sections/" + sectionA + "/alignments/history").statusCode()).isEqualTo(200);
        assertThat(api(coordinator, "POST", "/api/sections/" + sectionA + "/units", "{\"title\":\"x\"}").statusCode()).isEqualTo(403);
        assertThat(get(coordinator, "/app/course/" + sectionA + "/items/" + video + "/panel").statusCode()).isEqualTo(403);

        // another district's coordinator: the section does not exist for them
        HttpResponse<String> foreign = get(foreignCoordinator, "/api/sections/" + sectionA + "/units");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(object(foreign.body()).getString("error")).contains("no such course section");
        assertThat(get(foreignCoordinator, "/app/course/" + sectionA).statusCode()).isEqualTo(404);

        // no session, or a made-up one
        HttpResponse<String> none = get(null, "/api/sections/" + sectionA + "/units");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(get(null, "/app/course/" + sectionA).statusCode()).isEqualTo(401);
        assertThat(form("made-up-session-token-xxxxxxxx", "POST", "/app/course/" + sectionA + "/units", "title", "x").statusCode()).isEqualTo(401);
        assertThat(api(null, "POST", "/api/sections/" + sectionA + "/units", "{\"title\":\"x\"}").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(7)
    void badInputIsAlwaysAClearFourHundred() throws Exception {
        String base = "/api/sections/" + sectionA;
        HttpResponse<String> unknown = api(teacher, "POST", base + "/alignments", "{\"itemId\":\"" + video + "\",\"standardId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"TEACHES\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(object(unknown.body()).getJsonObject("fields").getString("standardId")).isEqualTo("unknown");

        String wscbStandard = standardId("7.RP.A.2", wscb);
        HttpResponse<String> notEnabled = api(teacher, "POST", base + "/alignments", "{\"itemId\":\"" + video + "\",\"standardId\":\"" + wscbStandard
                + "\",\"type\":\"TEACHES\"}");
        assertThat(notEnabled.statusCode()).isEqualTo(400);
        assertThat(object(notEnabled.body()).getString("error")).contains("What Standards Could Be").contains("not enabled");

        // an item of the teacher's other section, named under section A
        String unitOfB = object(created(api(teacherInB, "POST", "/api/sections/" + sectionB + "/units", "{\"title\":\"B unit\"}"))).getString("id");
        String bItem = object(created(api(teacherInB, "POST", "/api/sections/" + sectionB + "/items", "{\"unitId\":\"" + unitOfB
                + "\",\"title\":\"B item\"}"))).getString("id");
        HttpResponse<String> otherSection = api(teacher, "POST", base + "/alignments", "{\"itemId\":\"" + bItem + "\",\"code\":\"7.RP.A.2\",\"type\":\"TEACHES\"}");
        assertThat(otherSection.statusCode()).isEqualTo(404);
        assertThat(object(otherSection.body()).getString("error")).contains("no such item in this course section");
        assertThat(get(teacher, base + "/items/" + bItem).statusCode()).isEqualTo(404);
        assertThat(api(teacher, "POST", base + "/items", "{\"unitId\":\"" + unitOfB + "\",\"title\":\"x\"}").statusCode()).isEqualTo(404);

        HttpResponse<String> longTitle = api(teacher, "POST", base + "/items", "{\"unitId\":\"" + unit1 + "\",\"title\":\"" + "x".repeat(501) + "\"}");
        assertThat(longTitle.statusCode()).isEqualTo(400);
        assertThat(object(longTitle.body()).getJsonObject("fields").getString("title")).contains("500");
        HttpResponse<String> script = api(teacher, "POST", base + "/items", "{\"unitId\":\"" + unit1 + "\",\"title\":\"x\",\"url\":\"javascript:alert(1)\"}");
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(object(script.body()).getJsonObject("fields").keySet()).contains("url");
        HttpResponse<String> longPage = form(teacher, "POST", "/app/course/" + sectionA + "/units", "title", "u".repeat(301), "description", "d".repeat(5000));
        assertThat(longPage.statusCode()).isEqualTo(400);
        assertThat(longPage.body()).contains("data-testid=\"cm-problem\"").containsPattern("data-fields=\"[^\"]*title").containsPattern("data-fields=\"[^\"]*description");
        assertThat(api(teacher, "POST", base + "/units", "{\"title\":").statusCode()).isEqualTo(400);
        assertThat(api(teacher, "POST", base + "/units", "{\"title\":\"" + "y".repeat(70_000) + "\"}").statusCode()).isEqualTo(413);
        assertThat(api(teacher, "POST", base + "/units", "{\"title\":42}").statusCode()).isEqualTo(400);
        assertThat(api(teacher, "POST", base + "/items", "{\"unitId\":\"" + unit1 + "\",\"title\":\"x\",\"studentVisible\":\"yes\"}").statusCode())
                .isEqualTo(400);
        assertThat(api(teacher, "POST", base + "/alignments", "{\"itemId\":\"" + video + "\",\"code\":\"7.RP.A.2\",\"type\":\"MENTIONS\"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> noCode = api(teacher, "POST", base + "/alignments", "{\"itemId\":\"" + video + "\",\"code\":\"9.ZZ.Q.9\",\"type\":\"TEACHES\"}");
        assertThat(noCode.statusCode()).isEqualTo(404);
        assertThat(object(noCode.body()).getString("error")).contains("9.ZZ.Q.9");
        assertThat(form(teacher, "PUT", "/app/course/" + sectionA + "/units/" + unit1, "title", "x", "version", "seven").statusCode()).isEqualTo(400);
        assertThat(form(teacher, "POST", "/app/course/" + sectionA + "/items/" + video + "/move", "delta", "12").statusCode()).isEqualTo(400);
        assertThat(api(teacher, "PUT", base + "/units/order", "{\"unitIds\":[\"" + unit1 + "\",\"" + unit1 + "\"]}").statusCode()).isEqualTo(400);
        assertThat(api(teacher, "POST", base + "/alignments", "{\"itemIds\":[],\"codes\":[\"7.RP.A.2\"],\"type\":\"TEACHES\"}").statusCode())
                .isEqualTo(400);
        assertThat(get(teacher, "/api/sections/" + UUID.randomUUID() + "/units").statusCode()).isEqualTo(404);
        assertThat(get(teacher, "/api/sections/" + "x".repeat(300) + "/units").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void sectionFrameworksDecideWhatCanBeAligned() throws Exception {
        // both frameworks enabled: the section's default frameworks hold both, and the bare code is ambiguous
        assertThat(api(coordinator, "PUT", "/api/standards/frameworks/" + wscb + "/enablement", "{\"enabled\":true}").statusCode()).isEqualTo(200);
        HttpResponse<String> ambiguous = api(teacher, "POST", "/api/sections/" + sectionA + "/alignments",
                "{\"itemId\":\"" + video + "\",\"code\":\"7.RP.A.2\",\"type\":\"ASSESSES\"}");
        assertThat(ambiguous.statusCode()).isEqualTo(400);
        assertThat(object(ambiguous.body()).getString("error")).contains("several standards");

        // the teacher picks CCSS for the section: the other framework's standards are refused, codes are unique again
        JsonObject s = object(get(teacher, "/api/sections/" + sectionA + "/settings").body());
        assertThat(s.getBoolean("defaults")).isTrue();
        assertThat(s.getJsonArray("frameworks")).hasSize(2);
        HttpResponse<String> saved = api(teacher, "PUT", "/api/sections/" + sectionA + "/settings",
                "{\"grades\":[\"07\"],\"subjects\":[\"Mathematics\"],\"frameworkIds\":[\"" + ccss + "\"],\"version\":" + s.getInt("version") + "}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(object(saved.body()).getJsonArray("frameworks")).hasSize(1);
        HttpResponse<String> notInSection = api(teacher, "POST", "/api/sections/" + sectionA + "/alignments",
                "{\"itemId\":\"" + video + "\",\"standardId\":\"" + standardId("7.RP.A.2", wscb) + "\",\"type\":\"ASSESSES\"}");
        assertThat(notInSection.statusCode()).isEqualTo(400);
        assertThat(object(notInSection.body()).getString("error")).contains("not one of this section's frameworks");
        assertThat(api(teacher, "POST", "/api/sections/" + sectionA + "/alignments",
                "{\"itemId\":\"" + video + "\",\"code\":\"7.RP.A.2\",\"type\":\"ASSESSES\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> badFramework = form(teacher, "POST", "/app/course/" + sectionA + "/settings", "frameworkIds", UUID.randomUUID().toString());
        assertThat(badFramework.statusCode()).isEqualTo(400);
        assertThat(badFramework.body()).contains("not enabled for your district");
        HttpResponse<String> page = get(teacher, "/app/course/" + sectionA + "/settings");
        assertThat(page.body()).contains("data-testid=\"cm-frameworks\"").contains("Mathematics");
    }

    @Test
    @Order(9)
    void aUnitIsCopiedWithItsAlignmentsToTheTeachersOtherSectionOnly() throws Exception {
        HttpResponse<String> dialog = get(teacher, "/app/course/" + sectionA + "/units/" + unit1 + "/copy");
        assertThat(dialog.statusCode()).isEqualTo(200);
        assertThat(dialog.body()).contains("data-testid=\"copy-dialog\"").contains("value=\"" + sectionB + "\"").doesNotContain(sectionC);

        HttpResponse<String> copied = form(teacher, "POST", "/app/course/" + sectionA + "/units/" + unit1 + "/copy", "targetSectionId", sectionB);
        assertThat(copied.statusCode()).as(copied.body()).isEqualTo(200);
        assertThat(copied.body()).contains("Copied the unit to “Math 7, period 3”: 4 items");
        JsonArray bUnits = array(get(teacherInB, "/api/sections/" + sectionB + "/units").body());
        JsonObject copy = bUnits.getJsonObject(bUnits.size() - 1);
        assertThat(copy.getString("title")).startsWith("Ratios");
        assertThat(copy.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("title")).toList())
                .containsExactly("Proportions video", "Unit rate worksheet (v2)", "Seating plan", "Ratios quiz");
        assertThat(copy.getJsonArray("items").getJsonObject(0).getJsonArray("alignments")).isNotEmpty();
        assertThat(array(get(teacherInB, "/api/sections/" + sectionB + "/alignments/history").body()).toString()).contains("ADDED");

        HttpResponse<String> api = api(teacher, "POST", "/api/sections/" + sectionA + "/units/" + unit2 + "/copy", "{\"targetSectionId\":\"" + sectionB + "\"}");
        assertThat(api.statusCode()).as(api.body()).isEqualTo(201);
        assertThat(object(api.body()).getInt("items")).isEqualTo(1);
        assertThat(api(teacher, "POST", "/api/sections/" + sectionA + "/units/" + unit2 + "/copy", "{\"targetSectionId\":\"" + sectionC + "\"}")
                .statusCode()).isEqualTo(403);
        assertThat(api(teacher, "POST", "/api/sections/" + sectionA + "/units/" + unit2 + "/copy", "{\"targetSectionId\":\"" + sectionA + "\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    @Order(10)
    void retiredStandardsStayAlignedAndFlaggedButAreNotAlignedAnew() throws Exception {
        String doc = UUID.randomUUID().toString();
        String keep = UUID.randomUUID().toString();
        String gone = UUID.randomUUID().toString();
        String tiny = importFile("tiny.json", tinyFramework(doc, keep, gone, true));
        assertThat(api(coordinator, "PUT", "/api/standards/frameworks/" + tiny + "/enablement", "{\"enabled\":true}").statusCode()).isEqualTo(200);
        String bUnit = object(created(api(teacherInB, "POST", "/api/sections/" + sectionB + "/units", "{\"title\":\"Tiny\"}"))).getString("id");
        String bItem = object(created(api(teacherInB, "POST", "/api/sections/" + sectionB + "/items", "{\"unitId\":\"" + bUnit
                + "\",\"title\":\"Tiny item\"}"))).getString("id");
        String goneId = standardId("TINY.2", tiny);
        assertThat(api(teacherInB, "POST", "/api/sections/" + sectionB + "/alignments", "{\"itemId\":\"" + bItem + "\",\"standardId\":\"" + goneId
                + "\",\"type\":\"TEACHES\"}").statusCode()).isEqualTo(201);

        assertThat(importFile("tiny.json", tinyFramework(doc, keep, gone, false))).isEqualTo(tiny);
        JsonObject aligned = array(get(teacherInB, "/api/sections/" + sectionB + "/alignments?itemId=" + bItem).body()).getJsonObject(0);
        assertThat(aligned.getBoolean("retired")).isTrue();
        assertThat(get(teacherInB, "/app/course/" + sectionB).body()).contains("retired standard");
        HttpResponse<String> anew = api(teacherInB, "POST", "/api/sections/" + sectionB + "/alignments", "{\"itemId\":\"" + bItem
                + "\",\"standardId\":\"" + goneId + "\",\"type\":\"ASSESSES\"}");
        assertThat(anew.statusCode()).isEqualTo(400);
        assertThat(object(anew.body()).getString("error")).contains("retired");
    }

    @Test
    @Order(11)
    void deletingAnItemAndAUnitKeepsTheirHistory() throws Exception {
        HttpResponse<String> deleted = form(teacher, "DELETE", "/app/course/" + sectionA + "/items/" + video + "?version=" + version(video));
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).contains("Deleted “Proportions video”");
        assertThat(get(teacher, "/api/sections/" + sectionA + "/items/" + video).statusCode()).isEqualTo(404);
        JsonArray history = array(get(teacher, "/api/sections/" + sectionA + "/alignments/history?itemId=" + video).body());
        assertThat(history.getJsonObject(0).getString("action")).isEqualTo("REMOVED");
        assertThat(history.getJsonObject(0).getString("itemTitle")).isEqualTo("Proportions video");
        assertThat(api(teacher, "DELETE", "/api/sections/" + sectionA + "/units/" + unit1 + "?version=0", null).statusCode()).isEqualTo(409);
        assertThat(api(teacher, "DELETE", "/api/sections/" + sectionA + "/units/" + unit1, null).statusCode()).isEqualTo(204);
        assertThat(array(get(teacher, "/api/sections/" + sectionA + "/units").body())).hasSize(1);
        assertThat(array(get(teacher, "/api/sections/" + sectionA + "/alignments").body())).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static byte[] tinyFramework(String doc, String keep, String gone, boolean withGone) {
        String items = "{\"identifier\":\"" + keep + "\",\"fullStatement\":\"Keeps going\",\"humanCodingScheme\":\"TINY.1\",\"CFItemType\":\"Standard\"}"
                + (withGone ? ",{\"identifier\":\"" + gone + "\",\"fullStatement\":\"Goes away\",\"humanCodingScheme\":\"TINY.2\",\"CFItemType\":\"Standard\"}" : "");
        return ("{\"CFDocument\":{\"identifier\":\"" + doc + "\",\"title\":\"Tiny framework\",\"creator\":\"CourseMapIT\"},\"CFItems\":[" + items + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String launch(TestPlatform p, Person person) {
        String token = Html.sessionToken(p.launch(new Browser(), person).body());
        assertThat(token).as("session of " + person.name()).isNotBlank();
        return token;
    }

    private static String sectionOf(String session) throws Exception {
        HttpResponse<String> map = get(session, "/app/course");
        Matcher m = SECTION_ID.matcher(map.body());
        assertThat(m.find()).as(map.body()).isTrue();
        return m.group(1);
    }

    private static String importFile(String name, byte[] content) throws Exception {
        HttpResponse<String> started = api(coordinator, "POST", "/api/standards/imports?name=" + enc(name), "application/json", content);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = object(started.body()).getString("id");
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject job = object(get(coordinator, "/api/standards/imports/" + id).body());
            if (job.getString("status").equals("SUCCEEDED")) {
                return job.getString("frameworkId");
            }
            assertThat(job.getString("status")).as(job.toString()).isNotEqualTo("FAILED");
            Thread.sleep(200);
        }
        throw new AssertionError("import " + name + " did not finish in time");
    }

    /** A standard's id by code in one framework, as the coordinator's search finds it. */
    private static String standardId(String code, String framework) throws Exception {
        JsonArray hits = object(get(coordinator, "/api/standards/search?q=" + enc(code) + "&framework=" + framework).body()).getJsonArray("hits");
        return hits.stream().map(JsonValue::asJsonObject).filter(h -> h.getString("code", "").endsWith(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not found in " + hits)).getString("id");
    }

    private static List<String> titles(String unitId) throws Exception {
        return array(get(teacher, "/api/sections/" + sectionA + "/items?unitId=" + unitId).body()).stream()
                .map(v -> v.asJsonObject().getString("title")).toList();
    }

    private static long version(String itemId) throws Exception {
        return object(get(teacher, "/api/sections/" + sectionA + "/items/" + itemId).body()).getJsonNumber("version").longValue();
    }

    private static String created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> get(String session, String path) throws Exception {
        return api(session, "GET", path, null);
    }

    static HttpResponse<String> api(String session, String method, String path, String json) throws Exception {
        return api(session, method, path, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> api(String session, String method, String path, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Deployments.toolBase() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", type);
        }
        if (session != null) {
            b.header("X-Tandem-Session", session);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form request as htmx sends it (name, value, name, value, …; names may repeat). */
    static HttpResponse<String> form(String session, String method, String path, String... pairs) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
        }
        return api(session, method, path, "application/x-www-form-urlencoded", pairs.length == 0 ? null : body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject object(String json) {
        return StandardsIT.object(json);
    }

    static JsonObject object(String json, int index) {
        return array(json).getJsonObject(index);
    }

    static JsonArray array(String json) {
        return StandardsIT.array(json);
    }
}
