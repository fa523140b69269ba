package app.tandem.it;

import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import app.tandem.lti.api.LaunchSessions;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
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
 * Coordinators granted in Tandem (DESIGN.md: "LTI institution/system Administrator, or granted in Tandem";
 * docs/operations.md, "Coordinators"): a coordinator finds a teacher of the district and makes them a coordinator;
 * from their next launch they reach the district pages, from a course and from an account-level launch; revoking
 * takes the role from their open sessions at once. Students, people of other districts and unknown ids cannot be
 * granted; teachers cannot grant; nobody revokes their own grant; the admin API grants and revokes too; every change
 * is in the district audit log, refused ones are not.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoordinatorGrantsIT {
    private static final PlatformPerJvm PLATFORM = new PlatformPerJvm("CoordinatorGrantsIT");
    private static final PlatformPerJvm ELSEWHERE = new PlatformPerJvm("CoordinatorGrantsIT-other");
    private static final Section ALGEBRA = Section.named("Algebra 1");
    private static final Person COORDINATOR = Person.of("Ada Lovelace", null, INSTITUTION_ADMIN);
    private static final Person SPECIALIST = Person.of("Katherine Johnson", ALGEBRA, INSTRUCTOR);
    private static final Person STUDENT = Person.of("Sam Student", ALGEBRA, LEARNER);

    @Inject
    LaunchSessions sessions;

    static String specialistId;
    static String studentId;
    static String specialistCourseSession;

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform().addClasses(ToolHttp.class);
    }

    @AfterAll
    static void stopPlatforms() {
        PLATFORM.close();
        ELSEWHERE.close();
    }

    @Test
    @Order(1)
    void aCoordinatorMakesATeacherACoordinatorFromTheirNextLaunch() throws Exception {
        String before = launch(PLATFORM, SPECIALIST);
        specialistId = sessions.resolve(before).orElseThrow().personId();
        studentId = sessions.resolve(launch(PLATFORM, STUDENT)).orElseThrow().personId();
        assertThat(ToolHttp.get(before, "/app/district/audit").statusCode()).isEqualTo(403);
        assertThat(ToolHttp.get(before, "/app/district/coordinators").statusCode()).isEqualTo(403);

        String coordinator = launch(PLATFORM, COORDINATOR);
        HttpResponse<String> page = ToolHttp.get(coordinator, "/app/district/coordinators");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"coordinators-none\"").contains("<label for=\"coordinator-q\">");

        HttpResponse<String> found = ToolHttp.get(coordinator, "/app/district/coordinators/candidates?q=kath");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains("Katherine Johnson").contains("data-person-id=\"" + specialistId + "\"").contains("Make coordinator");
        assertThat(ToolHttp.get(coordinator, "/app/district/coordinators/candidates?q=sam").body())
                .as("students are no candidates").contains("data-testid=\"coordinator-candidates-none\"").doesNotContain(studentId);

        HttpResponse<String> granted = post(coordinator, "/app/district/coordinators/" + specialistId);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(granted.body()).contains("Granted the coordinator role.").contains("data-testid=\"coordinators-table\"")
                .contains("Katherine Johnson").contains("Ada Lovelace");
        assertThat(ToolHttp.get(coordinator, "/app/district/coordinators/candidates?q=kath").body()).contains("coordinator already");

        assertThat(ToolHttp.get(before, "/app/district/audit").statusCode()).as("the grant counts from the next launch").isEqualTo(403);
        HttpResponse<String> next = PLATFORM.get().launch(new Browser(), SPECIALIST);
        assertThat(next.body()).contains("data-testid=\"teacher-coordinator-tools\"").contains("data-testid=\"open-district-coordinators\"");
        specialistCourseSession = Html.sessionToken(next.body());
        assertThat(ToolHttp.get(specialistCourseSession, "/app/district/audit").statusCode()).isEqualTo(200);
        assertThat(ToolHttp.get(specialistCourseSession, "/app/course").statusCode()).as("still the course's teacher").isEqualTo(200);

        JsonObject entry = audit(coordinator, "coordinator.granted").getJsonObject(0);
        assertThat(entry.getString("actorName")).isEqualTo("Ada Lovelace");
        assertThat(entry.getString("targetId")).isEqualTo(specialistId);
        assertThat(entry.getString("targetLabel")).isEqualTo("Katherine Johnson");
    }

    @Test
    @Order(2)
    void studentsStrangersAndTeachersCannotBeOrMakeCoordinators() throws Exception {
        String coordinator = launch(PLATFORM, COORDINATOR);
        long entries = ToolHttp.object(ToolHttp.get(coordinator, "/api/district/audit").body()).getJsonNumber("total").longValue();

        HttpResponse<String> student = post(coordinator, "/app/district/coordinators/" + studentId);
        assertThat(student.statusCode()).isEqualTo(400);
        assertThat(student.body()).contains("does not teach in your district").contains("data-testid=\"coordinators-error\"");
        assertThat(post(coordinator, "/app/district/coordinators/no-such-person").statusCode()).isEqualTo(400);
        assertThat(post(coordinator, "/app/district/coordinators/%3Cscript%3E").statusCode()).isEqualTo(400);
        assertThat(ToolHttp.get(coordinator, "/app/district/coordinators/candidates?q=" + "x".repeat(101)).statusCode()).isEqualTo(400);

        String teacher = launch(PLATFORM, Person.of("Plain Teacher", ALGEBRA, INSTRUCTOR));
        assertThat(post(teacher, "/app/district/coordinators/" + studentId).statusCode()).isEqualTo(403);

        String elsewhere = launch(ELSEWHERE, Person.of("Other Coordinator", null, INSTITUTION_ADMIN));
        assertThat(ToolHttp.get(elsewhere, "/app/district/coordinators/candidates?q=kath").body()).doesNotContain(specialistId);
        assertThat(ToolHttp.get(elsewhere, "/app/district/coordinators").body()).doesNotContain("Katherine Johnson");
        assertThat(post(elsewhere, "/app/district/coordinators/" + specialistId).statusCode()).isEqualTo(400);
        assertThat(post(elsewhere, "/app/district/coordinators/" + specialistId + "/revoke").body())
                .contains("had no coordinator role granted in Tandem");

        HttpResponse<String> self = post(specialistCourseSession, "/app/district/coordinators/" + specialistId + "/revoke");
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.body()).contains("cannot revoke your own coordinator role");

        assertThat(ToolHttp.object(ToolHttp.get(coordinator, "/api/district/audit").body()).getJsonNumber("total").longValue())
                .as("refused changes leave no entry").isEqualTo(entries);
    }

    @Test
    @Order(3)
    void revokingTakesTheRoleFromOpenSessionsAtOnce() throws Exception {
        String coordinator = launch(PLATFORM, COORDINATOR);
        HttpResponse<String> revoked = post(coordinator, "/app/district/coordinators/" + specialistId + "/revoke");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.body()).contains("Revoked the coordinator role").contains("data-testid=\"coordinators-none\"");

        assertThat(ToolHttp.get(specialistCourseSession, "/app/district/audit").statusCode()).isEqualTo(403);
        assertThat(ToolHttp.get(specialistCourseSession, "/app/course").statusCode()).as("the teacher session stays").isEqualTo(200);
        assertThat(PLATFORM.get().launch(new Browser(), SPECIALIST).body()).doesNotContain("teacher-coordinator-tools");
        assertThat(audit(coordinator, "coordinator.revoked").getJsonObject(0).getString("targetLabel")).isEqualTo("Katherine Johnson");
    }

    @Test
    @Order(4)
    void theAdminApiGrantsAndAnAccountLevelLaunchThenOpensTheDistrictHome() throws Exception {
        AdminClient admin = AdminClient.authorized();
        String district = PLATFORM.get().districtId();
        String path = "/districts/" + district + "/coordinators/" + specialistId;
        assertThat(admin.send("PUT", path, (String) null).statusCode()).isEqualTo(201);
        assertThat(admin.send("PUT", path, (String) null).statusCode()).as("idempotent").isEqualTo(200);
        JsonArray list = array(admin.send("GET", "/districts/" + district + "/coordinators", (String) null));
        assertThat(list).hasSize(1);
        assertThat(list.getJsonObject(0).getString("name")).isEqualTo("Katherine Johnson");
        assertThat(list.getJsonObject(0).getString("grantedBy")).isEqualTo("admin API");
        assertThat(admin.send("PUT", "/districts/" + district + "/coordinators/" + studentId, (String) null).statusCode()).isEqualTo(400);
        assertThat(admin.send("PUT", "/districts/no-such-district/coordinators/" + specialistId, (String) null).statusCode()).isEqualTo(404);
        assertThat(new AdminClient(null).send("GET", "/districts/" + district + "/coordinators", (String) null).statusCode()).isEqualTo(401);

        // without a course, a teacher's launch is refused unless Tandem granted them the coordinator role
        HttpResponse<String> account = PLATFORM.get().launch(new Browser(), SPECIALIST.in(null));
        assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
        assertThat(account.body()).contains("id=\"coordinator-home\"");
        String accountSession = Html.sessionToken(account.body());
        assertThat(ToolHttp.get(accountSession, "/app/district/coordinators").statusCode()).isEqualTo(200);

        assertThat(admin.send("DELETE", path, (String) null).statusCode()).isEqualTo(204);
        assertThat(ToolHttp.get(accountSession, "/app/home").statusCode()).as("a coordinator-only session ends").isEqualTo(401);
        assertThat(admin.send("DELETE", path, (String) null).statusCode()).isEqualTo(404);
        assertThat(PLATFORM.get().launch(new Browser(), SPECIALIST.in(null)).statusCode()).isBetween(400, 499);
        String coordinator = launch(PLATFORM, COORDINATOR);
        assertThat(audit(coordinator, "coordinator.revoked").getJsonObject(0).getString("actorKind")).isEqualTo("admin-api");
    }

    @Test
    @Order(5)
    void theJsonApiFollowsTheSameRules() throws Exception {
        String coordinator = launch(PLATFORM, COORDINATOR);
        JsonArray candidates = array(ToolHttp.get(coordinator, "/api/district/coordinators/candidates?q=katherine"));
        assertThat(candidates).hasSize(1);
        assertThat(candidates.getJsonObject(0).getString("personId")).isEqualTo(specialistId);
        assertThat(candidates.getJsonObject(0).getBoolean("granted")).isFalse();

        assertThat(ToolHttp.send(coordinator, "PUT", "/api/district/coordinators/" + specialistId, "application/json", "").statusCode()).isEqualTo(201);
        assertThat(ToolHttp.send(coordinator, "PUT", "/api/district/coordinators/" + specialistId, "application/json", "").statusCode()).isEqualTo(200);
        JsonArray list = array(ToolHttp.get(coordinator, "/api/district/coordinators"));
        assertThat(list).hasSize(1);
        assertThat(list.getJsonObject(0).getString("grantedBy")).isEqualTo("Ada Lovelace");
        HttpResponse<String> student = ToolHttp.send(coordinator, "PUT", "/api/district/coordinators/" + studentId, "application/json", "");
        assertThat(student.statusCode()).isEqualTo(400);
        assertThat(ToolHttp.object(student.body()).getJsonObject("fields").containsKey("person")).as(student.body()).isTrue();

        String teacher = launch(PLATFORM, Person.of("Another Teacher", ALGEBRA, INSTRUCTOR));
        assertThat(ToolHttp.get(teacher, "/api/district/coordinators").statusCode()).isEqualTo(403);
        assertThat(ToolHttp.get(null, "/api/district/coordinators").statusCode()).isEqualTo(401);

        assertThat(ToolHttp.send(coordinator, "DELETE", "/api/district/coordinators/" + specialistId, "application/json", "").statusCode()).isEqualTo(204);
        assertThat(ToolHttp.send(coordinator, "DELETE", "/api/district/coordinators/" + specialistId, "application/json", "").statusCode()).isEqualTo(404);
        assertThat(array(ToolHttp.get(coordinator, "/api/district/coordinators"))).isEmpty();
    }

    private static JsonArray array(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ToolHttp.object("{\"a\":" + r.body() + "}").getJsonArray("a");
    }

    private static String launch(PlatformPerJvm platform, Person person) {
        HttpResponse<String> r = platform.get().launch(new Browser(), person);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String token = Html.sessionToken(r.body());
        assertThat(token).as("session token").isNotNull();
        return token;
    }

    private static HttpResponse<String> post(String session, String path) throws Exception {
        return ToolHttp.send(session, "POST", path, "application/x-www-form-urlencoded", "");
    }

    private static JsonArray audit(String coordinator, String action) throws Exception {
        JsonArray entries = ToolHttp.object(ToolHttp.get(coordinator, "/api/district/audit?action=" + action).body()).getJsonArray("entries");
        assertThat(entries).as(action).isNotEmpty();
        return entries;
    }
}
