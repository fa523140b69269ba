package app.tandem.it;

import app.tandem.common.HttpClients;
import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.alignment.application.LinkedSections;
import app.tandem.alignment.application.SectionAccess;
import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.application.CoteachingPolicies;
import app.tandem.coteaching.application.InvalidCodeException;
import app.tandem.coteaching.application.LinkAudit;
import app.tandem.coteaching.application.LinkGroups;
import app.tandem.coteaching.application.LinkPolicy;
import app.tandem.coteaching.application.LinkViews;
import app.tandem.coteaching.application.Linking;
import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchSessions;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Linking sections end to end: teachers of two sections launched from the test platform invite and join through the
 * teacher panel (/app/links) and the JSON API (/api/linkgroups), see one group and its co-teachers; every refusal
 * (code that does not work, another district, another LMS, full group, already linked, student, other coordinators)
 * is a clear 4xx that changes nothing; leave and dissolve; the coordinator's policy panel and link log. In the
 * server: alignment's LinkedSections and SectionAccess follow joins, leaves and the policy; expired codes.
 */
@ExtendWith(ArquillianExtension.class)
class LinkGroupsIT {
    private static final HttpClient HTTP = HttpClients.build(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)));
    private static final PlatformPerJvm MAIN = new PlatformPerJvm("LinkGroupsIT");
    private static final PlatformPerJvm SECOND_LMS = new PlatformPerJvm("LinkGroupsIT-lms2");
    private static final PlatformPerJvm OTHER_DISTRICT = new PlatformPerJvm("LinkGroupsIT-d2");
    private static volatile boolean secondLmsInMainDistrict;
    private static volatile String coordinatorSession;

    @Inject
    LinkedSections linkedSections;

    @Inject
    SectionAccess sectionAccess;

    @Inject
    LinkGroups groups;

    @Inject
    Linking linking;

    @Inject
    CoteachingPolicies policies;

    @Inject
    LinkAudit audit;

    @Inject
    LaunchSessions sessions;

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform();
    }

    @AfterAll
    static void stopPlatforms() {
        MAIN.close();
        SECOND_LMS.close();
        OTHER_DISTRICT.close();
    }

    /** The district's policy back to the defaults after each test (the tests share the main platform's district). */
    @AfterEach
    void defaultPolicy() throws Exception {
        if (coordinatorSession != null) {
            HttpResponse<String> r = api(coordinatorSession, "PUT", "/api/linkgroups/policy",
                    "{\"allowCrossPlatform\":false,\"maxGroupSize\":4,\"linkedMayEdit\":false,\"plansMayNameStudents\":false}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    // ---- the teacher's flow through the panel

    @Test
    @RunAsClient
    void twoTeachersLinkTheirSectionsWithACodeAndBothSeeTheGroupAndCoTeachers() throws Exception {
        Teacher mary = teacher(MAIN.get(), "Mary Jackson", "Physics, period 2");
        Teacher dorothy = teacher(MAIN.get(), "Dorothy Vaughan", "Physics, period 5");
        Person katherine = Person.of("Katherine Johnson", dorothy.person().section(), INSTRUCTOR);
        Person student = Person.of("Ada Student", dorothy.person().section(), LEARNER);
        MAIN.get().services().roster(dorothy.person().section(), dorothy.person(), katherine, student);
        assertThat(send(dorothy.session(), "POST", "/app/roster/refresh", null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> empty = get(mary.session(), "/app/links");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
        assertThat(empty.body()).contains("data-testid=\"not-linked\"").contains("src=\"/tandem-it/static/links.js\"");

        HttpResponse<String> created = form(mary.session(), "/app/links/invitations", "label", "for Dorothy", "days", "7");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String code = Html.testId(created.body(), "invitation-code");
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}");
        assertThat(created.body()).contains("shown only this once").contains("data-copy=\"links-new-code\"").contains("for Dorothy");
        assertThat(get(mary.session(), "/app/links").body()).doesNotContain(code).contains("data-testid=\"open-invitations\"");

        String typed = code.toLowerCase().replace("-", "");
        HttpResponse<String> check = form(dorothy.session(), "/app/links/join/check", "code", typed, "sectionId", dorothy.sectionId());
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        assertThat(Html.testId(check.body(), "preview-inviting")).isEqualTo("Physics, period 2");
        assertThat(myGroups(dorothy)).isEmpty();

        HttpResponse<String> joined = form(dorothy.session(), "/app/links/join", "code", typed, "sectionId", dorothy.sectionId());
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        assertThat(Html.testId(joined.body(), "links-message")).contains("Physics, period 5 is now linked").contains("2 sections");

        for (Teacher t : List.of(mary, dorothy)) {
            HttpResponse<String> panel = get(t.session(), "/app/links");
            assertThat(Html.testId(panel.body(), "link-group-name")).isEqualTo("Physics, period 2 + Physics, period 5");
            assertThat(panel.body()).contains("Mary Jackson").contains("Dorothy Vaughan").contains("Katherine Johnson")
                    .contains("has not opened Tandem").doesNotContain("Ada Student");
        }
        JsonObject group = object(api(mary.session(), "GET", "/api/linkgroups/" + groupId(mary), null).body());
        assertThat(group.getJsonArray("sections").getValuesAs(JsonObject.class)).extracting(s -> s.getString("id"))
                .containsExactly(mary.sectionId(), dorothy.sectionId());
        JsonArray members = array(api(dorothy.session(), "GET", "/api/linkgroups/" + groupId(mary) + "/members", null).body());
        Map<String, List<String>> teachersBySection = members.getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(
                s -> s.getString("id"), s -> s.getJsonArray("teachers").getValuesAs(JsonObject.class).stream()
                        .map(t -> t.getString("name") + ":" + t.getJsonArray("roles").getString(0) + ":" + t.getBoolean("openedTandem")).toList()));
        assertThat(teachersBySection.get(mary.sectionId())).containsExactly("Mary Jackson:Teacher:true");
        assertThat(teachersBySection.get(dorothy.sectionId())).containsExactly("Dorothy Vaughan:Teacher:true", "Katherine Johnson:Teacher:false");
        assertThat(groupId(dorothy)).isEqualTo(groupId(mary));

        assertThat(array(api(mary.session(), "GET", "/api/linkgroups/invitations", null).body())).isEmpty();
        HttpResponse<String> again = form(dorothy.session(), "/app/links/join/check", "code", code, "sectionId", dorothy.sectionId());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(Html.testId(again.body(), "links-problem")).isEqualTo(InvalidCodeException.MESSAGE);

        assertThat(auditOf(groupId(mary))).extracting(e -> e.getString("action") + " " + e.getString("sectionTitle", "-"))
                .containsExactly("CREATED Physics, period 2", "JOINED Physics, period 5");
        assertThat(auditOfSection(mary.sectionId())).extracting(e -> e.getString("action")).contains("INVITED");
    }

    @Test
    @RunAsClient
    void aThirdSectionJoinsTheGroupUntilTheDistrictsSizeLimit() throws Exception {
        Teacher a = teacher(MAIN.get(), "Ann Alpha", "Chemistry A");
        Teacher b = teacher(MAIN.get(), "Bea Beta", "Chemistry B");
        Teacher c = teacher(MAIN.get(), "Cy Gamma", "Chemistry C");
        Teacher d = teacher(MAIN.get(), "Di Delta", "Chemistry D");
        link(a, b);
        setPolicy("{\"maxGroupSize\":3}");

        String third = invite(b);
        JsonObject joined = object(joinApi(c, third).body());
        assertThat(joined.getJsonArray("sections")).hasSize(3);
        assertThat(groupId(c)).isEqualTo(groupId(a));

        State before = State.of(a, d);
        String fourth = invite(a);
        assertThat(fourth).isNull(); // the group is full: no invitation is even created
        State same = State.of(a, d);
        assertThat(same).isEqualTo(before);

        setPolicy("{\"maxGroupSize\":4}");
        String code = invite(a);
        setPolicy("{\"maxGroupSize\":3}");
        State withCode = State.of(a, d);
        HttpResponse<String> full = joinApi(d, code);
        assertThat(full.statusCode()).as(full.body()).isEqualTo(409);
        assertThat(object(full.body()).getString("error")).contains("at most 3 sections");
        assertThat(State.of(a, d)).isEqualTo(withCode);
    }

    @Test
    @RunAsClient
    void concurrentJoinsNeverExceedTheSizeLimitOrSplitTheGroup() throws Exception {
        Teacher host = teacher(MAIN.get(), "Hal Host", "Economics 1");
        List<Teacher> joiners = new java.util.ArrayList<>();
        List<String> codes = new java.util.ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            joiners.add(teacher(MAIN.get(), "Jay Joiner " + i, "Economics " + i));
            codes.add(invite(host));
        }
        setPolicy("{\"maxGroupSize\":3}");

        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> joins = new java.util.ArrayList<>();
        for (int i = 0; i < joiners.size(); i++) { // four joins at once into a section that has no group yet
            Teacher t = joiners.get(i);
            joins.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/api/linkgroups/join"))
                    .header("X-Tandem-Session", t.session()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("code", codes.get(i)).add("sectionId", t.sectionId())
                            .build().toString())).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = joins.stream().map(java.util.concurrent.CompletableFuture::join).toList();

        assertThat(answers).extracting(HttpResponse::statusCode).allMatch(s -> s == 200 || s == 409);
        List<Teacher> joined = new java.util.ArrayList<>();
        for (int i = 0; i < joiners.size(); i++) {
            if (answers.get(i).statusCode() == 200) {
                joined.add(joiners.get(i));
            } else {
                assertThat(groupId(joiners.get(i))).as("a refused section stays unlinked").isNull();
            }
        }
        assertThat(joined).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        String group = groupId(host);
        assertThat(object(api(host.session(), "GET", "/api/linkgroups/" + group, null).body()).getJsonArray("sections"))
                .hasSize(1 + joined.size());
        for (Teacher t : joined) {
            assertThat(groupId(t)).isEqualTo(group);
        }
        assertThat(array(api(host.session(), "GET", "/api/linkgroups/invitations", null).body()))
                .as("only the codes of successful joins are used up").hasSize(joiners.size() - joined.size());
    }

    @Test
    @RunAsClient
    void codesThatDoNotWorkAllGetTheSameAnswerAndChangeNothing() throws Exception {
        Teacher inviter = teacher(MAIN.get(), "Ines Inviter", "Biology 1");
        Teacher joiner = teacher(MAIN.get(), "Jo Joiner", "Biology 2");
        Teacher foreign = teacher(OTHER_DISTRICT.get(), "Fay Foreign", "Biology elsewhere");
        String open = invite(inviter);
        String revoked = invite(inviter);
        String revokedId = array(api(inviter.session(), "GET", "/api/linkgroups/invitations", null).body()).getJsonObject(0).getString("id");
        assertThat(post(inviter.session(), "/app/links/invitations/" + revokedId + "/revoke").statusCode()).isEqualTo(200);
        String otherDistrict = invite(foreign);
        State before = State.of(inviter, joiner);

        List<String> codes = List.of("KQ7-M4P-2XD", "ZZZ-ZZZ-ZZZ", "KQ7-M4P", "not a code at all", "", revoked, otherDistrict, revoked);
        for (int i = 0; i < codes.size(); i++) { // 8 failures: under the limit of 10 per person
            String code = codes.get(i);
            if (i % 2 == 0) {
                HttpResponse<String> page = form(joiner.session(), "/app/links/join/check", "code", code, "sectionId", joiner.sectionId());
                assertThat(page.statusCode()).as(code).isEqualTo(400);
                assertThat(page.headers().firstValue("X-Tandem-Fragment")).contains("problem");
                assertThat(Html.testId(page.body(), "links-problem")).as(code).isEqualTo(InvalidCodeException.MESSAGE);
            } else {
                HttpResponse<String> json = joinApi(joiner, code);
                assertThat(json.statusCode()).as(code).isEqualTo(400);
                assertThat(object(json.body()).getString("error")).isEqualTo(InvalidCodeException.MESSAGE);
                assertThat(object(json.body()).getJsonObject("fields").getString("code")).isEqualTo("does not work");
            }
        }
        assertThat(State.of(inviter, joiner)).isEqualTo(before);
        assertThat(myGroups(foreign)).isEmpty();

        JsonObject linked = object(joinApi(joiner, open).body());
        assertThat(linked.getJsonArray("sections")).hasSize(2);
        HttpResponse<String> used = joinApi(joiner, open); // the 9th failure
        assertThat(used.statusCode()).isEqualTo(400);
        assertThat(object(used.body()).getString("error")).isEqualTo(InvalidCodeException.MESSAGE);
    }

    @Test
    @RunAsClient
    void guessingCodesIsLimitedPerPerson() throws Exception {
        Teacher inviter = teacher(MAIN.get(), "Gus Host", "History 1");
        Teacher guesser = teacher(MAIN.get(), "Gil Guesser", "History 2");
        String code = invite(inviter);
        for (int i = 0; i < 10; i++) {
            assertThat(joinApi(guesser, "AAA-BBB-C" + (char) ('A' + i) + "C").statusCode()).isEqualTo(400);
        }
        HttpResponse<String> limited = joinApi(guesser, code);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(object(limited.body()).getString("error")).contains("Too many codes").contains("15 minutes");
        assertThat(form(guesser.session(), "/app/links/join/check", "code", code, "sectionId", guesser.sectionId()).statusCode()).isEqualTo(429);
        assertThat(myGroups(guesser)).isEmpty();
        assertThat(array(api(inviter.session(), "GET", "/api/linkgroups/invitations", null).body())).hasSize(1);

        Teacher other = teacher(MAIN.get(), "Olga Other", "History 3");
        assertThat(joinApi(other, code).statusCode()).as("the limit is per person").isEqualTo(200);
    }

    @Test
    @RunAsClient
    void sectionsOfAnotherLmsOfTheDistrictLinkOnlyWhenThePolicyAllowsIt() throws Exception {
        Teacher canvas = teacher(MAIN.get(), "Carla Canvas", "Geometry, Canvas");
        Teacher moodle = teacher(secondLms(), "Milo Moodle", "Geometry, Moodle");
        String code = invite(canvas);
        State before = State.of(canvas, moodle);

        HttpResponse<String> refused = joinApi(moodle, code);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(object(refused.body()).getString("error")).contains("same LMS only").contains("coordinator");
        assertThat(object(refused.body()).getJsonObject("fields").getString("sectionId")).isEqualTo("cross-platform");
        assertThat(State.of(canvas, moodle)).isEqualTo(before);

        setPolicy("{\"allowCrossPlatform\":true}");
        JsonObject group = object(joinApi(moodle, code).body());
        assertThat(group.getJsonArray("sections").getValuesAs(JsonObject.class)).extracting(s -> s.getString("platform"))
                .containsExactly(MAIN.get().clientId().replace("tandem-at-", ""), secondLms().clientId().replace("tandem-at-", ""));
    }

    @Test
    @RunAsClient
    void aSectionIsInOneGroupAtMost() throws Exception {
        Teacher a = teacher(MAIN.get(), "Al One", "Art 1");
        Teacher b = teacher(MAIN.get(), "Bo Two", "Art 2");
        Teacher c = teacher(MAIN.get(), "Cas Three", "Art 3");
        link(a, b);

        String fromA = invite(a);
        State before = State.of(a, b);
        HttpResponse<String> already = joinApi(b, fromA);
        assertThat(already.statusCode()).isEqualTo(409);
        assertThat(object(already.body()).getString("error")).isEqualTo("Art 2 is already linked with Art 1.");
        assertThat(State.of(a, b)).isEqualTo(before);

        String fromC = invite(c);
        before = State.of(a, b);
        HttpResponse<String> other = form(b.session(), "/app/links/join/check", "code", fromC, "sectionId", b.sectionId());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(Html.testId(other.body(), "links-problem")).contains("Art 2 is already in the link group").contains("leave that group first");
        assertThat(State.of(a, b)).isEqualTo(before);

        HttpResponse<String> self = joinApi(a, fromA);
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(object(self.body()).getString("error")).contains("Art 1 itself");
    }

    @Test
    @RunAsClient
    void onlyTeachersOfTheGroupsSectionsSeeOrChangeIt() throws Exception {
        Teacher a = teacher(MAIN.get(), "Tess Teach", "Music 1");
        Teacher b = teacher(MAIN.get(), "Tom Teach", "Music 2");
        Teacher outsider = teacher(MAIN.get(), "Otto Outside", "Music 3");
        link(a, b);
        String group = groupId(a);
        String code = invite(a);
        String invitationId = array(api(a.session(), "GET", "/api/linkgroups/invitations", null).body()).getJsonObject(0).getString("id");
        String student = launch(MAIN.get(), Person.of("Stu Dent", a.person().section(), LEARNER));
        String coordinator = coordinator();
        String foreignCoordinator = launch(OTHER_DISTRICT.get(), Person.of("Flo Foreign", null, INSTITUTION_ADMIN));
        String foreignTeacher = teacher(OTHER_DISTRICT.get(), "Fred Foreign", "Music elsewhere").session();
        State before = State.of(a, b);

        assertThat(get(student, "/app/links").statusCode()).isEqualTo(403);
        assertThat(get(student, "/app/links").body()).contains("for the course's teachers");
        assertThat(form(student, "/app/links/invitations", "days", "7").statusCode()).isEqualTo(403);
        assertThat(form(student, "/app/links/join", "code", code, "sectionId", a.sectionId()).statusCode()).isEqualTo(403);
        for (String s : List.of(student, coordinator, outsider.session())) {
            assertThat(api(s, "GET", "/api/linkgroups/" + group, null).statusCode()).isEqualTo(403);
            assertThat(api(s, "GET", "/api/linkgroups/" + group + "/members", null).statusCode()).isEqualTo(403);
            assertThat(api(s, "POST", "/api/linkgroups/" + group + "/dissolve", null).statusCode()).isEqualTo(403);
            assertThat(api(s, "POST", "/api/linkgroups/" + group + "/leave", "{\"sectionId\":\"" + a.sectionId() + "\"}").statusCode()).isEqualTo(403);
            assertThat(api(s, "DELETE", "/api/linkgroups/invitations/" + invitationId, null).statusCode()).isEqualTo(403);
            assertThat(api(s, "GET", "/api/linkgroups/invitations?sectionId=" + a.sectionId(), null).statusCode()).isEqualTo(403);
            assertThat(api(s, "POST", "/api/linkgroups/invitations", "{\"sectionId\":\"" + a.sectionId() + "\"}").statusCode()).isEqualTo(403);
        }
        HttpResponse<String> studentJoin = api(student, "POST", "/api/linkgroups/join", "{\"code\":\"" + code + "\"}");
        assertThat(studentJoin.statusCode()).isEqualTo(403);
        for (String s : List.of(foreignCoordinator, foreignTeacher)) {
            HttpResponse<String> g = api(s, "GET", "/api/linkgroups/" + group, null);
            assertThat(g.statusCode()).isEqualTo(404);
            assertThat(object(g.body()).getString("error")).isEqualTo("There is no such link group in your district.");
            assertThat(api(s, "POST", "/api/linkgroups/" + group + "/dissolve", null).statusCode()).isEqualTo(404);
            assertThat(api(s, "DELETE", "/api/linkgroups/invitations/" + invitationId, null).statusCode()).isEqualTo(404);
            assertThat(api(s, "GET", "/api/linkgroups/invitations?sectionId=" + a.sectionId(), null).statusCode()).isEqualTo(404);
        }
        assertThat(api(a.session(), "GET", "/api/linkgroups/00000000-0000-4000-8000-000000000000", null).statusCode()).isEqualTo(404);
        assertThat(api(null, "GET", "/api/linkgroups/" + group, null).statusCode()).isEqualTo(401);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/app/links")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpResponse<String> getJoin = api(b.session(), "GET", "/api/linkgroups/join", null);
        assertThat(getJoin.statusCode()).as("no state change on GET").isIn(404, 405);
        HttpResponse<String> notMine = api(b.session(), "POST", "/api/linkgroups/" + group + "/leave", "{\"sectionId\":\"" + a.sectionId() + "\"}");
        assertThat(notMine.statusCode()).isEqualTo(403);
        assertThat(State.of(a, b)).isEqualTo(before);

        HttpResponse<String> policyAsTeacher = get(a.session(), "/app/district/coteaching-policy");
        assertThat(policyAsTeacher.statusCode()).isEqualTo(403);
        assertThat(api(a.session(), "PUT", "/api/linkgroups/policy", "{\"maxGroupSize\":9}").statusCode()).isEqualTo(403);
        assertThat(api(a.session(), "GET", "/api/linkgroups/audit", null).statusCode()).isEqualTo(403);
    }

    @Test
    @RunAsClient
    void badInputIsA400NamingTheField() throws Exception {
        Teacher a = teacher(MAIN.get(), "Bea Bad", "Latin 1");
        assertThat(api(a.session(), "POST", "/api/linkgroups/join", "not json").statusCode()).isEqualTo(400);
        assertThat(api(a.session(), "POST", "/api/linkgroups/join", "{\"code\":7}").statusCode()).isEqualTo(400);
        HttpResponse<String> days = api(a.session(), "POST", "/api/linkgroups/invitations", "{\"days\":99}");
        assertThat(days.statusCode()).isEqualTo(400);
        assertThat(object(days.body()).getJsonObject("fields").getString("days")).isEqualTo("1 to 30");
        assertThat(form(a.session(), "/app/links/invitations", "days", "seven").statusCode()).isEqualTo(400);
        assertThat(api(a.session(), "POST", "/api/linkgroups/invitations", "{\"label\":\"" + "x".repeat(201) + "\"}").statusCode()).isEqualTo(400);
        String coordinator = coordinator();
        HttpResponse<String> size = api(coordinator, "PUT", "/api/linkgroups/policy", "{\"maxGroupSize\":1}");
        assertThat(size.statusCode()).isEqualTo(400);
        assertThat(object(size.body()).getJsonObject("fields").getString("maxGroupSize")).contains("2 to 50");
        assertThat(api(coordinator, "PUT", "/api/linkgroups/policy", "{\"allowCrossPlatform\":\"yes\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> panel = form(coordinator, "/app/district/coteaching-policy", "maxGroupSize", "many", "version", "0");
        assertThat(panel.statusCode()).isEqualTo(400);
        assertThat(Html.testId(panel.body(), "policy-problem")).contains("whole number");
        assertThat(object(api(coordinator, "GET", "/api/linkgroups/policy", null).body()).getInt("maxGroupSize")).isEqualTo(4);
    }

    @Test
    @RunAsClient
    void teachersLeaveOrDissolveAndEveryChangeIsLogged() throws Exception {
        Teacher a = teacher(MAIN.get(), "Lea Leave", "Spanish 1");
        Teacher b = teacher(MAIN.get(), "Lou Leave", "Spanish 2");
        Teacher c = teacher(MAIN.get(), "Liv Leave", "Spanish 3");
        link(a, b);
        String group = groupId(a);
        assertThat(joinApi(c, invite(a)).statusCode()).isEqualTo(200);

        HttpResponse<String> ask = get(c.session(), "/app/links?confirm=leave");
        assertThat(ask.body()).contains("data-testid=\"confirm-leave\"");
        assertThat(groupId(c)).as("asking changes nothing").isEqualTo(group);
        HttpResponse<String> left = form(c.session(), "/app/links/groups/" + group + "/leave", "sectionId", c.sectionId());
        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        assertThat(Html.testId(left.body(), "links-message")).contains("left the link group");
        assertThat(left.body()).contains("data-testid=\"not-linked\"");
        assertThat(groupId(c)).isNull();
        assertThat(object(api(a.session(), "GET", "/api/linkgroups/" + group, null).body()).getJsonArray("sections")).hasSize(2);

        HttpResponse<String> dissolved = post(b.session(), "/app/links/groups/" + group + "/dissolve");
        assertThat(dissolved.statusCode()).as(dissolved.body()).isEqualTo(200);
        assertThat(Html.testId(dissolved.body(), "links-message")).contains("dissolved");
        assertThat(api(a.session(), "GET", "/api/linkgroups/" + group, null).statusCode()).isEqualTo(404);
        assertThat(groupId(a)).isNull();
        assertThat(groupId(b)).isNull();

        link(b, c); // dissolved sections link again
        String again = groupId(b);
        assertThat(again).isNotEqualTo(group);
        assertThat(api(b.session(), "POST", "/api/linkgroups/" + again + "/leave", null).statusCode()).as("body optional").isEqualTo(200);
        assertThat(api(c.session(), "POST", "/api/linkgroups/" + again + "/leave", "{\"sectionId\":\"" + c.sectionId() + "\"}").statusCode())
                .as("the last section leaving dissolves the group").isEqualTo(204);

        assertThat(auditOf(group)).extracting(e -> e.getString("action") + " " + e.getString("sectionTitle", "-") + " by " + e.getString("actor"))
                .containsExactly("CREATED Spanish 1 by Lou Leave", "JOINED Spanish 2 by Lou Leave", "INVITED Spanish 1 by Lea Leave",
                        "JOINED Spanish 3 by Liv Leave", "LEFT Spanish 3 by Liv Leave", "DISSOLVED - by Lou Leave");
        assertThat(auditOf(group).get(5).getString("detail")).isEqualTo("sections: Spanish 1, Spanish 2");
        assertThat(auditOf(again)).extracting(e -> e.getString("action"))
                .containsExactly("CREATED", "JOINED", "LEFT", "LEFT", "DISSOLVED");
    }

    @Test
    @RunAsClient
    void coordinatorsSetThePolicyAndReadTheLinkLog() throws Exception {
        String coordinator = coordinator();
        Teacher a = teacher(MAIN.get(), "Pat Policy", "Drama 1");
        Teacher b = teacher(MAIN.get(), "Pam Policy", "Drama 2");
        link(a, b);

        HttpResponse<String> panel = get(coordinator, "/app/district/coteaching-policy");
        assertThat(panel.statusCode()).as(panel.body()).isEqualTo(200);
        long groupsNow = Long.parseLong(Html.testId(panel.body(), "link-group-count"));
        assertThat(groupsNow).isEqualTo(object(api(coordinator, "GET", "/api/linkgroups/policy", null).body()).getJsonNumber("liveGroups").longValue())
                .isPositive();
        assertThat(panel.body()).contains("Drama 1").contains("name=\"maxGroupSize\"");
        long version = object(api(coordinator, "GET", "/api/linkgroups/policy", null).body()).getJsonNumber("version").longValue();

        HttpResponse<String> saved = form(coordinator, "/app/district/coteaching-policy", "allowCrossPlatform", "true", "maxGroupSize", "6",
                "linkedMayEdit", "true", "version", String.valueOf(version));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(Html.testId(saved.body(), "policy-message")).startsWith("Saved");
        JsonObject policy = object(api(coordinator, "GET", "/api/linkgroups/policy", null).body());
        assertThat(policy.getBoolean("allowCrossPlatform")).isTrue();
        assertThat(policy.getInt("maxGroupSize")).isEqualTo(6);
        assertThat(policy.getBoolean("linkedMayEdit")).isTrue();
        assertThat(policy.getBoolean("plansMayNameStudents")).isFalse();
        assertThat(policy.getBoolean("withinDistrictOnly")).isTrue();

        HttpResponse<String> stale = form(coordinator, "/app/district/coteaching-policy", "maxGroupSize", "5", "version", String.valueOf(version));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(object(api(coordinator, "GET", "/api/linkgroups/policy", null).body()).getInt("maxGroupSize")).isEqualTo(6);

        JsonObject log = object(api(coordinator, "GET", "/api/linkgroups/audit", null).body());
        JsonObject newest = log.getJsonArray("entries").getJsonObject(0);
        assertThat(newest.getString("action")).isEqualTo("POLICY_CHANGED");
        assertThat(newest.getString("detail")).isEqualTo("linking across the district's LMSs allowed; largest group 4 \u2192 6 sections; "
                + "linked teachers may edit each other's course maps");
        assertThat(newest.getString("actor")).isEqualTo("Katherine Johnson");
        assertThat(log.getInt("pageSize")).isEqualTo(25);
        if (log.getInt("pages") > 1) {
            HttpResponse<String> older = get(coordinator, "/app/district/coteaching-policy/audit?page=2");
            assertThat(older.statusCode()).isEqualTo(200);
            assertThat(older.body()).contains("Page 2 of");
        }
        HttpResponse<String> beyond = get(coordinator, "/app/district/coteaching-policy/audit?page=9999");
        assertThat(beyond.statusCode()).isEqualTo(200);
        assertThat(beyond.body()).contains("Page " + log.getInt("pages") + " of " + log.getInt("pages"));
    }

    @Test
    @RunAsClient
    void theApiIsDescribedInTheOpenApiDocument() throws Exception {
        HttpResponse<String> doc = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Deployments.httpPort() + "/openapi"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).contains("/api/linkgroups/join").contains("/api/linkgroups/{id}/members").contains("/api/linkgroups/policy")
                .contains("Link groups");
    }

    @Test
    @RunAsClient
    void theDemoTeachersLinkPeriodTwoAndPeriodFiveInTheDemoLms() throws Exception {
        String rivera = StandardsIT.launch("rivera", "alg1-p2:teacher");
        String chen = StandardsIT.launch("chen", "alg1-p5:teacher");
        String okafor = StandardsIT.launch("okafor", "account:coordinator");
        HttpResponse<String> home = get(chen, "/app/links");
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        String p5 = array(api(chen, "GET", "/api/linkgroups/sections", null).body()).getJsonObject(0).getString("id");
        assertThat(home.body()).contains("Algebra I — Period 5 (co-taught) is not linked");

        String code = Html.testId(form(rivera, "/app/links/invitations", "days", "7").body(), "invitation-code");
        HttpResponse<String> check = form(chen, "/app/links/join/check", "code", code, "sectionId", p5);
        assertThat(Html.testId(check.body(), "preview-inviting")).isEqualTo("Algebra I — Period 2");
        HttpResponse<String> joined = form(chen, "/app/links/join", "code", code, "sectionId", p5);
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);

        HttpResponse<String> riverasPanel = get(rivera, "/app/links");
        assertThat(Html.testId(riverasPanel.body(), "link-group-name")).isEqualTo("Algebra I — Period 2 + Algebra I — Period 5 (co-taught)");
        assertThat(riverasPanel.body()).contains("David Chen").contains("Maria Rivera");
        String group = array(api(chen, "GET", "/api/linkgroups", null).body()).getJsonObject(0).getString("id");
        assertThat(get(okafor, "/app/district/coteaching-policy").body()).contains("Algebra I — Period 5 (co-taught)");

        // leave the shared demo district as it was
        assertThat(post(chen, "/app/links/groups/" + group + "/dissolve").statusCode()).isEqualTo(200);
        assertThat(get(rivera, "/app/links").body()).contains("data-testid=\"not-linked\"");
    }

    // ---- in the server: alignment's view of links, expired codes

    @Test
    void linkedSectionsAndSectionAccessFollowJoinsLeavesAndThePolicy() throws Exception {
        TestPlatform platform = MAIN.get();
        LaunchContext mary = launchContext(platform, Person.of("Mary In", Section.named("Algebra, period 1"), INSTRUCTOR));
        LaunchContext dan = launchContext(platform, Person.of("Dan In", Section.named("Algebra, period 3"), INSTRUCTOR));
        LaunchContext coordinator = launchContext(platform, Person.of("Cora In", null, INSTITUTION_ADMIN));
        assertThat(linkedSections.linkOf(mary.sectionId())).isEmpty();
        assertThatThrownBy(() -> sectionAccess.read(dan, mary.sectionId())).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).status()).isEqualTo(403));

        LinkViews.NewInvitation invitation = groups.invite(mary, mary.sectionId(), null, null);
        assertThat(invitation.invitation().expiresAt()).isBetween(OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).minusMinutes(5),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).plusMinutes(5));
        assertThat(storedCodeHashes(invitation.invitation().id())).containsExactly(app.tandem.coteaching.application.InvitationCodes.hash(
                invitation.code().replace("-", ""))).doesNotContain(invitation.code());
        LinkViews.Group group = linking.join(dan, invitation.code(), dan.sectionId());

        LinkedSections.Link link = linkedSections.linkOf(mary.sectionId()).orElseThrow();
        assertThat(link.groupId()).isEqualTo(group.id());
        assertThat(link.sectionIds()).containsExactly(mary.sectionId(), dan.sectionId());
        assertThat(link.mayEditEachOther()).isFalse();
        assertThat(linkedSections.linkOf(dan.sectionId())).contains(link);
        assertThat(sectionAccess.read(dan, mary.sectionId()).level()).isEqualTo(SectionAccess.Level.LINKED_TEACHER);
        assertThatThrownBy(() -> sectionAccess.edit(dan, mary.sectionId())).isInstanceOf(InvalidRequestException.class);

        policies.save(coordinator, new LinkPolicy(false, 4, true, false, 0), null);
        assertThat(linkedSections.linkOf(mary.sectionId()).orElseThrow().mayEditEachOther()).isTrue();
        assertThat(sectionAccess.edit(dan, mary.sectionId()).level()).isEqualTo(SectionAccess.Level.LINKED_EDITOR);
        assertThat(sectionAccess.edit(mary, dan.sectionId()).level()).isEqualTo(SectionAccess.Level.LINKED_EDITOR);
        policies.save(coordinator, LinkPolicy.defaults(), null);

        groups.leave(dan, group.id(), dan.sectionId());
        assertThat(linkedSections.linkOf(dan.sectionId())).isEmpty();
        assertThat(linkedSections.linkOf(mary.sectionId()).orElseThrow().sectionIds()).containsExactly(mary.sectionId());
        assertThatThrownBy(() -> sectionAccess.read(dan, mary.sectionId())).isInstanceOf(InvalidRequestException.class);

        assertThat(audit.ofGroup(mary.districtId(), group.id())).extracting(LinkAudit.Entry::action)
                .containsExactly(LinkAudit.Action.CREATED, LinkAudit.Action.JOINED, LinkAudit.Action.LEFT);
    }

    @Test
    void anExpiredCodeDoesNotWorkAndIsNotUsedUp() throws Exception {
        TestPlatform platform = MAIN.get();
        LaunchContext eve = launchContext(platform, Person.of("Eve In", Section.named("Statistics 1"), INSTRUCTOR));
        LaunchContext ed = launchContext(platform, Person.of("Ed In", Section.named("Statistics 2"), INSTRUCTOR));
        LinkViews.NewInvitation invitation = groups.invite(eve, eve.sectionId(), "soon expired", 1);
        expire(invitation.invitation().id());

        assertThatThrownBy(() -> linking.join(ed, invitation.code(), ed.sectionId())).isInstanceOf(InvalidCodeException.class)
                .hasMessage(InvalidCodeException.MESSAGE);
        assertThatThrownBy(() -> linking.preview(ed, invitation.code(), ed.sectionId())).isInstanceOf(InvalidCodeException.class);
        assertThat(linkedSections.linkOf(eve.sectionId())).isEmpty();
        assertThat(linkedSections.linkOf(ed.sectionId())).isEmpty();
        assertThat(groups.openInvitations(eve, eve.sectionId())).isEmpty();
        assertThat(usedAt(invitation.invitation().id())).isEmpty();
        assertThatThrownBy(() -> groups.revoke(eve, invitation.invitation().id())).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).status()).isEqualTo(409));
    }

    // ---- helpers

    /** A teacher launched into a new section of the platform, with their session and the section's Tandem id. */
    record Teacher(Person person, String session, String sectionId) {
    }

    /** What a failed request must leave as it was: both sections' groups, the inviter's invitations, the log's length. */
    record State(String inviterSections, String joinerSections, String invitations, long logEntries) {
        static State of(Teacher inviter, Teacher joiner) throws Exception {
            return new State(api(inviter.session(), "GET", "/api/linkgroups/sections", null).body(),
                    api(joiner.session(), "GET", "/api/linkgroups/sections", null).body(),
                    api(inviter.session(), "GET", "/api/linkgroups/invitations", null).body(),
                    object(api(coordinator(), "GET", "/api/linkgroups/audit", null).body()).getJsonNumber("total").longValue());
        }
    }

    private static Teacher teacher(TestPlatform platform, String name, String sectionTitle) throws Exception {
        Person person = Person.of(name, Section.named(sectionTitle), INSTRUCTOR);
        String session = launch(platform, person);
        JsonArray mine = array(api(session, "GET", "/api/linkgroups/sections", null).body());
        assertThat(mine.getJsonObject(0).getString("title")).isEqualTo(sectionTitle);
        return new Teacher(person, session, mine.getJsonObject(0).getString("id"));
    }

    private static String launch(TestPlatform platform, Person person) {
        HttpResponse<String> home = platform.launch(new Browser(), person);
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        return Html.sessionToken(home.body());
    }

    private LaunchContext launchContext(TestPlatform platform, Person person) {
        return sessions.resolve(launch(platform, person)).orElseThrow();
    }

    private static String coordinator() {
        if (coordinatorSession == null) {
            coordinatorSession = launch(MAIN.get(), Person.of("Katherine Johnson", null, INSTITUTION_ADMIN));
        }
        return coordinatorSession;
    }

    /** The second LMS registration, its deployment mapped into the main platform's district. */
    private static TestPlatform secondLms() {
        TestPlatform p = SECOND_LMS.get();
        if (!secondLmsInMainDistrict) {
            AdminClient admin = AdminClient.authorized();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> deployments = (List<Map<String, Object>>) AdminClient.json(
                    admin.send("GET", "/registrations/" + p.registrationId(), (String) null)).get("deployments");
            HttpResponse<String> mapped = admin.send("PUT", "/registrations/" + p.registrationId() + "/deployments/" + deployments.get(0).get("id"),
                    Map.of("districtId", MAIN.get().districtId(), "label", "second LMS"));
            assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(200);
            secondLmsInMainDistrict = true;
        }
        return p;
    }

    private static void setPolicy(String json) throws Exception {
        HttpResponse<String> r = api(coordinator(), "PUT", "/api/linkgroups/policy", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** A new invitation code of the teacher's section, or null when refused. */
    private static String invite(Teacher t) throws Exception {
        HttpResponse<String> r = api(t.session(), "POST", "/api/linkgroups/invitations", "{\"sectionId\":\"" + t.sectionId() + "\"}");
        return r.statusCode() == 201 ? object(r.body()).getString("code") : null;
    }

    private static HttpResponse<String> joinApi(Teacher t, String code) throws Exception {
        return api(t.session(), "POST", "/api/linkgroups/join", Json.createObjectBuilder().add("code", code).add("sectionId", t.sectionId()).build().toString());
    }

    private static void link(Teacher inviter, Teacher joiner) throws Exception {
        HttpResponse<String> r = joinApi(joiner, invite(inviter));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static List<JsonObject> myGroups(Teacher t) throws Exception {
        return array(api(t.session(), "GET", "/api/linkgroups", null).body()).getValuesAs(JsonObject.class);
    }

    /** The group of the teacher's section, or null. */
    private static String groupId(Teacher t) throws Exception {
        JsonObject mine = array(api(t.session(), "GET", "/api/linkgroups/sections", null).body()).getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("id").equals(t.sectionId())).findFirst().orElseThrow();
        return mine.isNull("groupId") ? null : mine.getString("groupId");
    }

    /** The coordinator's log entries of a group, oldest first. */
    private static List<JsonObject> auditOf(String groupId) throws Exception {
        return auditWhere(e -> groupId.equals(e.getString("groupId", null)));
    }

    private static List<JsonObject> auditOfSection(String sectionId) throws Exception {
        return auditWhere(e -> sectionId.equals(e.getString("sectionId", null)));
    }

    private static List<JsonObject> auditWhere(java.util.function.Predicate<JsonObject> filter) throws Exception {
        List<JsonObject> out = new java.util.ArrayList<>();
        for (int page = 1; ; page++) {
            JsonObject log = object(api(coordinator(), "GET", "/api/linkgroups/audit?page=" + page, null).body());
            log.getJsonArray("entries").getValuesAs(JsonObject.class).stream().filter(filter).forEach(out::add);
            if (page >= log.getInt("pages")) {
                break;
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    private static HttpResponse<String> get(String session, String path) throws Exception {
        return send(session, "GET", path, null, null);
    }

    private static HttpResponse<String> post(String session, String path) throws Exception {
        return send(session, "POST", path, null, null);
    }

    /** An htmx form post (url-encoded name/value pairs) with the session header. */
    private static HttpResponse<String> form(String session, String path, String... pairs) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(session, "POST", path, "application/x-www-form-urlencoded", body);
    }

    private static HttpResponse<String> api(String session, String method, String path, String json) throws Exception {
        return send(session, method, path, json == null ? null : "application/json", json);
    }

    private static HttpResponse<String> send(String session, String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Deployments.toolBase() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("X-Tandem-Session", session);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject object(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("not a JSON object: " + json, e);
        }
    }

    private static JsonArray array(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readArray();
        } catch (RuntimeException e) {
            throw new AssertionError("not a JSON array: " + json, e);
        }
    }

    // ---- in the server: the database, for what no request can do (time passing) and what no page shows (stored hashes)

    private static DataSource dataSource() throws Exception {
        return InitialContext.doLookup("jdbc/tandem");
    }

    private static void expire(String invitationId) throws Exception {
        try (Connection c = dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE ct_invitation SET expires_at = ? WHERE id = ?")) {
            s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
            s.setString(2, invitationId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<String> storedCodeHashes(String invitationId) throws Exception {
        try (Connection c = dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT code_hash FROM ct_invitation WHERE id = ?")) {
            s.setString(1, invitationId);
            try (ResultSet rs = s.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    private static Optional<OffsetDateTime> usedAt(String invitationId) throws Exception {
        try (Connection c = dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT used_at FROM ct_invitation WHERE id = ?")) {
            s.setString(1, invitationId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return Optional.ofNullable(rs.getObject(1, OffsetDateTime.class));
            }
        }
    }
}
