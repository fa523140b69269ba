package app.tandem.it;

import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.common.AuditTrail;
import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import app.tandem.standards.application.StandardsCatalog;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The district audit log end to end (docs/operations.md, "Audit log"): a coordinator imports and enables a framework,
 * changes the co-teaching policy and saves a district statement; each shows in /app/district/audit and
 * /api/district/audit with who, what and when, newest first. Teachers 403, no session 401, another district sees none
 * of it; paging and filters; bad parameters 400 naming the field; a refused action (400, 409) leaves no entry; the
 * admin API reads any district's log and its own district changes are logged as "admin API". The tests use their own
 * test LMS's district, never the shared demo district.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogIT {
    private static final PlatformPerJvm PLATFORM = new PlatformPerJvm("AuditLogIT");
    private static final PlatformPerJvm ELSEWHERE = new PlatformPerJvm("AuditLogIT-other");
    private static final Person COORDINATOR = Person.of("Grace Hopper", null, INSTITUTION_ADMIN);
    private static final Person TEACHER = Person.of("Alan Turing", Section.named("Logic 1"), INSTRUCTOR);

    @Inject
    StandardsCatalog catalog;

    @Inject
    AuditTrail trail;

    static String framework;

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform().addClasses(ToolHttp.class);
    }

    @AfterAll
    static void stopPlatforms() {
        PLATFORM.close();
        ELSEWHERE.close();
    }

    private static String coordinator() {
        return session(PLATFORM.get().launch(new Browser(), COORDINATOR));
    }

    @Test
    @Order(1)
    void coordinatorActionsShowWithWhoWhatAndWhenNewestFirst() throws Exception {
        String coordinator = coordinator();
        Path file = ToolHttp.standardsFile("opensalt_smartlevel-test_case1p0.json");
        JsonObject job = ToolHttp.importStandards(coordinator, "smartlevel.json", Files.readString(file));
        assertThat(job.getString("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        framework = job.getString("frameworkId");
        String jobId = job.getString("id");

        assertThat(ToolHttp.send(coordinator, "PUT", "/api/standards/frameworks/" + framework + "/enablement", "application/json",
                "{\"enabled\":true,\"grades\":\"07\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> policy = ToolHttp.send(coordinator, "PUT", "/api/linkgroups/policy", "application/json",
                "{\"allowCrossPlatform\":false,\"maxGroupSize\":6,\"linkedMayEdit\":false,\"plansMayNameStudents\":false}");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        String standard = catalog.outline(PLATFORM.get().districtId(), framework).items().get(0).id();
        HttpResponse<String> statement = ToolHttp.send(coordinator, "POST", "/app/district/statements", "application/x-www-form-urlencoded",
                Browser.urlEncoded(Map.of("framework", framework, "s-" + standard, "I can explain this standard.")));
        assertThat(statement.statusCode()).as(statement.body()).isEqualTo(200);

        JsonArray entries = api(coordinator, "").getJsonArray("entries");
        List<String> mine = entries.stream().map(v -> v.asJsonObject().getString("action"))
                .filter(a -> List.of("framework.enabled", "coteaching.policy-changed", "statements.saved").contains(a)).toList();
        assertThat(mine).containsExactly("statements.saved", "coteaching.policy-changed", "framework.enabled");
        JsonObject enabled = entry(entries, "framework.enabled");
        assertThat(enabled.getString("actorName")).isEqualTo("Grace Hopper");
        assertThat(enabled.getString("actorKind")).isEqualTo("coordinator");
        assertThat(enabled.getString("targetType")).isEqualTo("framework");
        assertThat(enabled.getString("targetId")).isEqualTo(framework);
        assertThat(enabled.getString("details")).contains("07");
        assertThat(enabled.getString("at")).endsWith("Z");
        assertThat(entry(entries, "coteaching.policy-changed").getString("details")).contains("6");
        assertThat(entry(entries, "statements.saved").getString("details")).startsWith("1 district statement");
        assertThat(entry(entries, "import.started").getString("targetId")).isEqualTo(jobId);
        assertThat(entry(entries, "import.started").getString("details")).contains("smartlevel.json");

        // the end of the import is recorded by the job's thread once it is done: wait for it (bounded)
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonArray finished = api(coordinator, "?action=import.finished").getJsonArray("entries");
        while (finished.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            finished = api(coordinator, "?action=import.finished").getJsonArray("entries");
        }
        assertThat(finished).hasSize(1);
        assertThat(finished.getJsonObject(0).getString("details")).startsWith("succeeded");

        HttpResponse<String> page = ToolHttp.get(coordinator, "/app/district/audit");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<caption>").contains("<th scope=\"col\">").contains("<time datetime=\"")
                .contains("Grace Hopper").contains("framework.enabled").contains("coteaching.policy-changed");
        assertThat(page.body().indexOf("statements.saved</code>")).isLessThan(page.body().indexOf("framework.enabled</code>"));
    }

    @Test
    @Order(2)
    void onlyTheDistrictsCoordinatorsReadIt() throws Exception {
        String teacher = session(PLATFORM.get().launch(new Browser(), TEACHER));
        assertThat(ToolHttp.get(teacher, "/api/district/audit").statusCode()).isEqualTo(403);
        assertThat(ToolHttp.get(teacher, "/app/district/audit").statusCode()).isEqualTo(403);
        assertThat(ToolHttp.get(null, "/api/district/audit").statusCode()).isEqualTo(401);
        assertThat(ToolHttp.get(null, "/app/district/audit").statusCode()).isEqualTo(401);

        String other = session(ELSEWHERE.get().launch(new Browser(), COORDINATOR));
        JsonObject theirs = api(other, "");
        assertThat(theirs.getJsonArray("entries").stream().map(v -> v.asJsonObject().getString("id")))
                .doesNotContainAnyElementsOf(api(coordinator(), "").getJsonArray("entries").stream()
                        .map(v -> v.asJsonObject().getString("id")).toList());
        assertThat(api(other, "?action=framework.enabled").getJsonNumber("total").longValue()).isZero();
    }

    @Test
    @Order(3)
    void refusedActionsLeaveNoEntry() throws Exception {
        String coordinator = coordinator();
        long before = api(coordinator, "").getJsonNumber("total").longValue();
        assertThat(ToolHttp.send(coordinator, "PUT", "/api/linkgroups/policy", "application/json", "{\"maxGroupSize\":99}").statusCode())
                .isEqualTo(400);
        assertThat(ToolHttp.send(coordinator, "POST", "/app/district/coteaching-policy", "application/x-www-form-urlencoded",
                "maxGroupSize=5&version=987654").statusCode()).isEqualTo(409);
        assertThat(ToolHttp.send(coordinator, "PUT", "/api/standards/frameworks/" + framework + "/enablement", "application/json",
                "{\"enabled\":true,\"grades\":\"99\"}").statusCode()).isEqualTo(400);
        String teacher = session(PLATFORM.get().launch(new Browser(), TEACHER));
        assertThat(ToolHttp.send(teacher, "PUT", "/api/standards/frameworks/" + framework + "/enablement", "application/json",
                "{\"enabled\":false}").statusCode()).isEqualTo(403);
        assertThat(api(coordinator, "").getJsonNumber("total").longValue()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void pagesFiltersAndBadParameters() throws Exception {
        String coordinator = coordinator();
        String districtId = PLATFORM.get().districtId();
        // enough entries for two pages, written straight to the log
        for (int i = 0; i < AuditTrail.PAGE_SIZE; i++) {
            trail.record(districtId, AuditTrail.Actor.coordinator("it-person", "Paging Person"), "test.paging", null, "n" + i);
        }
        JsonObject first = api(coordinator, "");
        assertThat(first.getJsonArray("entries")).hasSize(AuditTrail.PAGE_SIZE);
        assertThat(first.getInt("pages")).isGreaterThanOrEqualTo(2);
        JsonObject second = api(coordinator, "?page=2");
        assertThat(second.getInt("page")).isEqualTo(2);
        assertThat(second.getJsonArray("entries")).extracting(v -> v.asJsonObject().getString("action")).contains("framework.enabled");

        JsonObject filtered = api(coordinator, "?action=framework.enabled");
        assertThat(filtered.getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(api(coordinator, "?person=it-person").getJsonNumber("total").longValue()).isEqualTo(AuditTrail.PAGE_SIZE);
        HttpResponse<String> page = ToolHttp.get(coordinator, "/app/district/audit?action=test.paging&page=1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Paging Person").doesNotContain("framework.enabled</code>")
                .contains("<option value=\"framework.enabled\"");

        for (String[] bad : new String[][] {{"page=0", "page"}, {"page=x", "page"}, {"action=DROP%20TABLE", "action"}, {"person=%3Cb%3E", "person"}}) {
            HttpResponse<String> r = ToolHttp.get(coordinator, "/api/district/audit?" + bad[0]);
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(ToolHttp.object(r.body()).getJsonObject("fields").containsKey(bad[1])).as(r.body()).isTrue();
            assertThat(ToolHttp.get(coordinator, "/app/district/audit?" + bad[0]).statusCode()).isEqualTo(400);
        }
    }

    @Test
    @Order(5)
    void theAdminApiReadsAnyDistrictAndIsLoggedAsAdminApi() throws Exception {
        AdminClient admin = AdminClient.authorized();
        String districtId = PLATFORM.get().districtId();
        HttpResponse<String> renamed = admin.send("PUT", "/districts/" + districtId, Map.of("name", PLATFORM.get().districtName()));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        HttpResponse<String> log = admin.send("GET", "/districts/" + districtId + "/audit?action=district.renamed", (String) null);
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        JsonObject entry = ToolHttp.object(log.body()).getJsonArray("entries").getJsonObject(0);
        assertThat(entry.getString("actorKind")).isEqualTo("admin-api");
        assertThat(entry.getString("targetId")).isEqualTo(districtId);
        assertThat(admin.send("GET", "/districts/" + districtId + "/audit?page=-1", (String) null).statusCode()).isEqualTo(400);
        assertThat(admin.send("GET", "/districts/no-such-district/audit", (String) null).statusCode()).isEqualTo(404);
        assertThat(new AdminClient(null).send("GET", "/districts/" + districtId + "/audit", (String) null).statusCode()).isEqualTo(401);
        String created = admin.createId("/districts", Map.of("name", "AuditLogIT district " + System.nanoTime()));
        JsonObject createdLog = ToolHttp.object(admin.send("GET", "/districts/" + created + "/audit", (String) null).body());
        assertThat(createdLog.getJsonArray("entries")).extracting(v -> v.asJsonObject().getString("action")).containsExactly("district.created");
        // the coordinator sees it too, marked as the admin API
        assertThat(api(coordinator(), "?action=district.renamed").getJsonArray("entries").getJsonObject(0).getString("actorName"))
                .isEqualTo("admin API");
    }

    private static JsonObject api(String session, String query) throws Exception {
        HttpResponse<String> r = ToolHttp.get(session, "/api/district/audit" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ToolHttp.object(r.body());
    }

    private static JsonObject entry(JsonArray entries, String action) {
        return entries.stream().map(v -> v.asJsonObject()).filter(o -> o.getString("action").equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " in " + entries));
    }

    private static String session(HttpResponse<String> launch) {
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
        String token = Html.sessionToken(launch.body());
        assertThat(token).as("session token").isNotNull();
        return token;
    }
}
