package app.tandem.it;

import app.tandem.common.HttpClients;
import static app.tandem.it.StandardsIT.get;
import static app.tandem.it.StandardsIT.launch;
import static app.tandem.it.StandardsIT.object;
import static app.tandem.it.StandardsIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.alignment.AlignmentSeed;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Coverage end to end over HTTP with launches through the demo LMS: the real CCSS Math package imported and
 * enabled, course maps seeded in the server (the course-map feature's tables), then a section's coverage page,
 * JSON and CSV, the link group's coverage, the district roll-up with filters, and who may see what.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoverageIT {
    static final String P = "CCSS.Math.Content.";
    private static final HttpClient HTTP = HttpClients.build(HttpClient.newBuilder());

    static String coordinator;
    static String teacher;
    static String coTeacher;
    static String student;
    static String math;
    static String p2;
    static String p5;
    static String elsewhere;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem().addClasses(CoverageSeedResource.class, TestLinkedSections.class, AlignmentSeed.class);
    }

    /** POST to the in-server seeding resource (admin token). */
    static JsonObject seed(String path, JsonObject body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/it-seed/coverage/" + path))
                .header("Content-Type", "application/json").header("X-Admin-Token", Deployments.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return object(r.body());
    }

    static JsonObject item(String title, String... codeTypePairs) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (int i = 0; i < codeTypePairs.length; i += 2) {
            a.add(Json.createArrayBuilder().add(P + codeTypePairs[i]).add(codeTypePairs[i + 1]));
        }
        return Json.createObjectBuilder().add("title", title).add("alignments", a).build();
    }

    static JsonObject unit(String title, JsonObject... items) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (JsonObject i : items) {
            a.add(i);
        }
        return Json.createObjectBuilder().add("title", title).add("items", a).build();
    }

    static String course(String course, String grades, String school, JsonObject... units) throws Exception {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (JsonObject u : units) {
            a.add(u);
        }
        return seed("section", Json.createObjectBuilder().add("contextId", "demo-course-" + course).add("frameworkId", math)
                .add("grades", grades).add("subjects", "Math").add("school", school).add("units", a).build()).getString("sectionId");
    }

    @Test
    @Order(1)
    void setUpLaunchesStandardsAndCourseMaps() throws Exception {
        coordinator = launch("okafor", "account:coordinator");
        teacher = launch("rivera", "alg1-p2:teacher");
        launch("rivera", "alg1-p5:teacher");
        coTeacher = launch("chen", "alg1-p5:teacher");
        student = launch("ava", "alg1-p2:student");

        math = CourseMapBrowserIT.mathFramework(coordinator);
        CourseMapBrowserIT.enable(coordinator, math, true);

        p2 = course("alg1-p2", "07", "North High",
                unit("Ratios", item("Unit rates lesson", "7.RP.A.1", "TEACHES", "7.RP.A.1", "PRACTISES"),
                        item("Proportions quiz", "7.RP.A.2a", "ASSESSES")),
                unit("Expressions", item("=HYPERLINK(\"http://evil.example\",\"Equivalent, expressions\")", "7.EE.A.1", "TEACHES",
                        "6.RP.A.1", "PRACTISES")),
                unit("Geometry <script>alert(1)</script>"));
        p5 = course("alg1-p5", "07", "South High",
                unit("Numbers", item("Rational numbers", "7.NS.A.1", "TEACHES", "7.RP.A.1", "ASSESSES")));
        elsewhere = seed("other-district", Json.createObjectBuilder().add("frameworkId", math).build()).getString("sectionId");
    }

    @Test
    @Order(2)
    void teacherSeesTheSectionsCoverageWithAnAccessibleHeatmapAndTable() throws Exception {
        HttpResponse<String> page = get(teacher, "/app/course/" + p2 + "/coverage");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String html = page.body();
        assertThat(Html.testId(html, "coverage-summary")).isEqualTo("3 of 24 standards covered (12 %)");
        assertThat(html).contains("taught 2, practised 1, assessed 1.");
        assertThat(html).contains("role=\"img\"").contains("aria-labelledby=\"unit-heatmap-title unit-heatmap-desc\"")
                .contains("<title id=\"unit-heatmap-title\">Coverage by unit and cluster</title>").contains("<desc id=\"unit-heatmap-desc\">");
        assertThat(html).contains("data-testid=\"unit-heatmap-table\"").contains("<th scope=\"row\">Whole course</th>");
        // the Ratios unit covers 2 of the 3 standards of cluster 7.RP.A; text in the cell and in the table
        assertThat(html).contains("Ratios × " + P + "7.RP.A").contains(">2/3</text>").contains("<td>2 of 3</td>");
        assertThat(Html.testId(html, "coverage-gaps")).isEqualTo("Gaps: 21 standards not covered");
        assertThat(html).contains(P + "7.RP.A.3");
        assertThat(html).contains("via " + P + "7.RP.A.2a").contains("Aligned, but not counted").contains(P + "6.RP.A.1");
        assertThat(html).doesNotContain("<script>alert(1)").contains("Geometry &lt;script&gt;");

        HttpResponse<String> domains = get(teacher, "/app/course/" + p2 + "/coverage?by=domain");
        assertThat(domains.body()).contains("Coverage by unit and domain").contains("aria-pressed=\"true\" hx-get=\"/tandem-it/app/course/" + p2
                + "/coverage?by=domain\"");
        HttpResponse<String> bad = get(teacher, "/app/course/" + p2 + "/coverage?by=week");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("coverage-problem").contains("cluster or domain");
    }

    @Test
    @Order(3)
    void theJsonApiGivesCountsItemsUnitsAndGaps() throws Exception {
        HttpResponse<String> r = get(teacher, "/api/sections/" + p2 + "/coverage");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject c = object(r.body());
        assertThat(c.getJsonObject("totals").getInt("covered")).isEqualTo(3);
        assertThat(c.getJsonObject("totals").getInt("targets")).isEqualTo(24);
        JsonObject rp2 = c.getJsonArray("standards").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("code", "").equals(P + "7.RP.A.2")).findFirst().orElseThrow();
        assertThat(rp2.getInt("assesses")).isEqualTo(1);
        assertThat(rp2.getJsonArray("items").getJsonObject(0).getString("via")).isEqualTo(P + "7.RP.A.2a");
        assertThat(c.getJsonArray("units")).hasSize(3);
        assertThat(c.getJsonArray("gaps").stream().mapToInt(g -> g.asJsonObject().getJsonArray("standards").size()).sum()).isEqualTo(21);
        assertThat(c.getJsonArray("outside").toString()).contains("6.RP.A.1");
        assertThat(c.containsKey("link")).isFalse();
        HttpResponse<String> openapi = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Deployments.httpPort() + "/openapi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(openapi.body()).contains("/api/sections/{sectionId}/coverage").contains("/api/district/coverage").contains("Coverage");
    }

    @Test
    @Order(4)
    void csvHasOneRowPerStandardQuotedAndWithoutFormulas() throws Exception {
        HttpResponse<String> csv = get(teacher, "/app/course/" + p2 + "/coverage.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"coverage-Algebra-I-Period-2.csv\"; filename*=UTF-8''coverage%20Algebra%20I");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFframework,domain,cluster,code,statement,covered,teaches,practises,assesses,items,units");
        assertThat(lines).hasSize(1 + 24);
        assertThat(lines).filteredOn(l -> l.contains(P + "7.RP.A.1,")).singleElement().satisfies(l -> assertThat(l).contains(",yes,1,1,0,"));
        assertThat(lines).filteredOn(l -> l.contains(P + "7.EE.A.1,")).singleElement()
                .satisfies(l -> assertThat(l).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Equivalent, expressions\"\") (teaches)\""));
        assertThat(csv.body()).doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    @Test
    @Order(5)
    void onlyTeachersOfTheSectionAndCoordinatorsOfTheDistrictMaySeeIt() throws Exception {
        for (String path : List.of("/app/course/" + p2 + "/coverage", "/api/sections/" + p2 + "/coverage", "/app/course/" + p2 + "/coverage.csv")) {
            assertThat(get(null, path).statusCode()).as("no session " + path).isEqualTo(401);
            assertThat(get(student, path).statusCode()).as("student " + path).isEqualTo(403);
            assertThat(get(coTeacher, path).statusCode()).as("teacher of another section " + path).isEqualTo(403);
            assertThat(get(coordinator, path).statusCode()).as("coordinator " + path).isEqualTo(200);
        }
        for (String path : List.of("/app/course/" + elsewhere + "/coverage", "/api/sections/" + elsewhere + "/coverage")) {
            assertThat(get(teacher, path).statusCode()).as("other district " + path).isEqualTo(404);
            assertThat(get(coordinator, path).statusCode()).as("other district " + path).isEqualTo(404);
        }
        HttpResponse<String> json = get(student, "/api/sections/" + p2 + "/coverage");
        assertThat(json.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(object(json.body()).getInt("status")).isEqualTo(403);
        assertThat(get(teacher, "/app/district/coverage").statusCode()).isEqualTo(403);
        assertThat(get(teacher, "/api/district/coverage").statusCode()).isEqualTo(403);
        assertThat(get(teacher, "/app/district/coverage.csv").statusCode()).isEqualTo(403);
        assertThat(send(teacher, "POST", "/app/district/coverage/recompute", "text/plain", new byte[0]).statusCode()).isEqualTo(403);
        assertThat(get(null, "/api/district/coverage").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void aLinkGroupShowsWhichSectionCoversWhat() throws Exception {
        seed("link", Json.createObjectBuilder().add("name", "Algebra I team").add("contextIds", Json.createArrayBuilder()
                .add("demo-course-alg1-p2").add("demo-course-alg1-p5")).build());
        JsonObject c = object(get(teacher, "/api/sections/" + p2 + "/coverage").body());
        JsonObject link = c.getJsonObject("link");
        assertThat(link.getString("name")).isEqualTo("Seeded: Algebra I team");
        assertThat(link.getInt("coveredByAny")).isEqualTo(4);
        assertThat(link.getJsonArray("onlyByOthers").getJsonObject(0).getString("code")).isEqualTo(P + "7.NS.A.1");
        assertThat(link.getJsonArray("sections")).hasSize(2);
        JsonObject rp1 = c.getJsonArray("standards").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("code", "").equals(P + "7.RP.A.1")).findFirst().orElseThrow();
        assertThat(rp1.getJsonArray("coveredBy").getValuesAs(jakarta.json.JsonString::getString)).containsExactly(p2, p5);

        String html = get(teacher, "/app/course/" + p2 + "/coverage").body();
        assertThat(Html.testId(html, "coverage-link")).isEqualTo("Link group: Seeded: Algebra I team");
        assertThat(html).contains("Covered only by a linked section (1)")
                .contains("Algebra I — Period 5 (co-taught)");
        // the co-teacher of the linked section may now read this section's coverage
        assertThat(get(coTeacher, "/app/course/" + p2 + "/coverage").statusCode()).isEqualTo(200);
        assertThat(get(teacher, "/app/course/" + p2 + "/coverage.csv").body().lines().findFirst().orElseThrow()).endsWith(",covered_in_link_group");
    }

    @Test
    @Order(7)
    void coordinatorSeesTheDistrictRollUpWithFiltersAndCsv() throws Exception {
        HttpResponse<String> page = get(coordinator, "/app/district/coverage");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("role=\"img\"").contains("data-testid=\"district-heatmap\"").contains("data-testid=\"coverage-district-table\"")
                .contains("Algebra I — Period 2").contains("/app/course/" + p2 + "/coverage");

        JsonObject all = object(get(coordinator, "/api/district/coverage?pageSize=1000").body());
        assertThat(all.getJsonArray("rows").toString()).contains(p2).contains(p5).doesNotContain(elsewhere);
        JsonObject p2row = row(all, p2);
        assertThat(p2row.getInt("covered")).isEqualTo(3);
        assertThat(p2row.getInt("targets")).isEqualTo(24);
        assertThat(row(all, p5).getInt("covered")).isEqualTo(2);

        JsonObject north = object(get(coordinator, "/api/district/coverage?school=north%20high").body());
        assertThat(north.getInt("matching")).isEqualTo(1);
        assertThat(north.getJsonArray("rows").getJsonObject(0).getJsonObject("section").getString("id")).isEqualTo(p2);
        JsonObject grade7 = object(get(coordinator, "/api/district/coverage?grade=7&subject=math&framework=" + math + "&sort=title").body());
        assertThat(grade7.getInt("matching")).isEqualTo(2);
        assertThat(grade7.getBoolean("byFramework")).isFalse();
        assertThat(grade7.getJsonArray("columns").toString()).contains("Ratios and Proportional Relationships");
        assertThat(object(get(coordinator, "/api/district/coverage?grade=8").body()).getInt("matching")).isZero();
        assertThat(get(coordinator, "/app/district/coverage?grade=8").body()).contains("No sections match these filters.");

        for (String bad : List.of("grade=banana", "page=0", "pageSize=5000", "sort=up", "framework=" + AlignmentSeed.id(), "framework=a%20b")) {
            HttpResponse<String> r = get(coordinator, "/api/district/coverage?" + bad);
            assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(object(r.body()).getJsonObject("fields").keySet()).as(bad).containsAnyOf("grade", "page", "pageSize", "sort", "framework");
            if (!bad.startsWith("pageSize")) { // the page has a fixed page size
                assertThat(get(coordinator, "/app/district/coverage?" + bad).body()).as(bad).contains("coverage-problem");
            }
        }

        HttpResponse<String> csv = get(coordinator, "/app/district/coverage.csv?school=North%20High");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment; filename=\"district-coverage.csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFsection_id,section,school,grades,subjects,frameworks,domain,");
        assertThat(lines).anyMatch(l -> l.startsWith(p2 + ",Algebra I — Period 2,North High,07,Math,") && l.endsWith(",All targets,,3,24,12"));
        assertThat(lines).noneMatch(l -> l.startsWith(p5));

        HttpResponse<String> recomputed = send(coordinator, "POST", "/app/district/coverage/recompute?school=North%20High", "text/plain", new byte[0]);
        assertThat(recomputed.statusCode()).isEqualTo(200);
        assertThat(recomputed.body()).contains("coverage-recomputed").contains("Algebra I — Period 2");
    }

    @Test
    @Order(8)
    void theRollUpFollowsLaterChangesToAlignments() throws Exception {
        course("alg1-p5", "07", "South High", unit("Numbers", item("Rational numbers", "7.NS.A.1", "TEACHES", "7.NS.A.2", "TEACHES",
                "7.NS.A.3", "ASSESSES")));
        JsonObject all = object(get(coordinator, "/api/district/coverage?pageSize=1000").body());
        assertThat(row(all, p5).getInt("covered")).isEqualTo(3);
        assertThat(all.getInt("recomputed")).isPositive();
    }

    /** Leaves the demo district as other tests expect it: framework disabled, course maps, settings and link group gone. */
    @AfterAll
    static void clearTheDemoCourses() throws Exception {
        clear(coordinator, math);
    }

    static void clear(String coordinator, String framework) throws Exception {
        if (coordinator != null && framework != null) {
            CourseMapBrowserIT.enable(coordinator, framework, false);
        }
        seed("clear", Json.createObjectBuilder().add("contextIds", Json.createArrayBuilder().add("demo-course-alg1-p2")
                .add("demo-course-alg1-p5")).build());
    }

    private static JsonObject row(JsonObject rollup, String sectionId) {
        return rollup.getJsonArray("rows").stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getJsonObject("section").getString("id").equals(sectionId)).findFirst().orElseThrow();
    }
}
