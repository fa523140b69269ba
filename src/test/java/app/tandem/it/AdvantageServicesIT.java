package app.tandem.it;

import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.it.PlatformServices.Answer;
import app.tandem.it.PlatformServices.Call;
import app.tandem.it.PlatformServices.Fault;
import app.tandem.it.PlatformServices.Paging;
import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.Grades;
import app.tandem.lti.api.Grades.LineItem;
import app.tandem.lti.api.Grades.Result;
import app.tandem.lti.api.Grades.Score;
import app.tandem.lti.api.LaunchSessions;
import app.tandem.lti.api.PlatformServiceException;
import app.tandem.lti.api.Rosters;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LTI Advantage services against the test platform. The class roster (NRPS) over HTTP, as a teacher's home asks
 * for it: every page read, read at most once per interval, one service token for many calls and one retry with a
 * fresh token after a 401, LMS failures shown in plain words. The gradebook (AGS) has no HTTP face in Tandem yet,
 * so its tests run inside the server ({@code @Inject Grades}), on a section created by a real launch, against a
 * test platform started there.
 */
@ExtendWith(ArquillianExtension.class)
class AdvantageServicesIT {
    private static final String TOOL = Deployments.toolBase();
    private static final Pattern CHIP = Pattern.compile("<span class=\"chip\">([^<]*)</span>");
    private static final PlatformPerJvm PLATFORM = new PlatformPerJvm("AdvantageServicesIT");

    @Inject
    Grades grades;

    @Inject
    Rosters rosters;

    @Inject
    LaunchSessions sessions;

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform();
    }

    private static TestPlatform platform() {
        return PLATFORM.get();
    }

    private static PlatformServices services() {
        return platform().services();
    }

    @AfterEach
    void resetPlatform() {
        TestPlatform platform = PLATFORM.started();
        if (platform != null) {
            platform.services().reset();
            platform.offerServices(true);
        }
    }

    @AfterAll
    static void stopPlatform() {
        PLATFORM.close();
    }

    // ---- the roster panel (NRPS), over HTTP

    /** A section of seven in the LMS: two teachers (the first launches Tandem) and five students. */
    private record Course(Section section, Person teacher, Person coTeacher, List<Person> students) {
        static Course ofSeven(String title) {
            Section section = Section.named(title);
            List<Person> students = Stream.of("Ada", "Ben", "Cleo", "Dev", "Eli")
                    .map(n -> Person.of(n + " Student", section, LEARNER)).toList();
            Course c = new Course(section, Person.of("Mary Jackson", section, INSTRUCTOR), Person.of("Dorothy Vaughan", section, INSTRUCTOR), students);
            Person[] all = Stream.concat(Stream.of(c.teacher, c.coTeacher), students.stream()).toArray(Person[]::new);
            services().roster(section, all);
            return c;
        }
    }

    @Test
    @RunAsClient
    void theRosterShowsThePeopleWhoOpenedTandemSoFar() {
        Course c = Course.ofSeven("Biology, period 1");
        platform().launch(new Browser(), c.students().get(0));
        String session = sessionOf(c.teacher());

        HttpResponse<String> panel = roster(session);

        assertThat(panel.statusCode()).as(panel.body()).isEqualTo(200);
        assertThat(Html.testId(panel.body(), "roster-teachers")).isEqualTo("1");
        assertThat(Html.testId(panel.body(), "roster-students")).isEqualTo("1");
        assertThat(teacherNames(panel)).containsExactly(c.teacher().name());
        assertThat(panel.body()).contains("people who opened Tandem so far").contains("data-testid=\"roster-refresh\"");
        assertThat(services().calls(services().membershipsUrl(c.section()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}-style paging")
    @EnumSource(Paging.class)
    @RunAsClient
    void refreshReadsEveryPageOfTheLmsRoster(Paging style) {
        Course c = Course.ofSeven("Chemistry, period 2");
        services().paging(style, 3);
        String session = sessionOf(c.teacher());

        HttpResponse<String> panel = refresh(session);

        assertThat(panel.statusCode()).as(panel.body()).isEqualTo(200);
        assertThat(Html.testId(panel.body(), "roster-problem")).isNull();
        List<Call> calls = services().calls(services().membershipsUrl(c.section()));
        assertThat(calls).extracting(Call::status).containsExactly(200, 200, 200);
        assertThat(calls.get(1).query()).isEqualTo(style == Paging.CANVAS ? "page=2&per_page=3" : "limit=3&from=3");
        assertThat(calls.get(2).query()).isEqualTo(style == Paging.CANVAS ? "page=3&per_page=3" : "limit=3&from=6");
        assertThat(calls).allSatisfy(call -> assertThat(call.userAgent()).startsWith("Tandem-LTI-Tool/"));
        assertThat(Html.testId(panel.body(), "roster-teachers")).isEqualTo("2");
        assertThat(Html.testId(panel.body(), "roster-students")).isEqualTo("5");
        assertThat(teacherNames(panel)).containsExactlyInAnyOrder(c.teacher().name(), c.coTeacher().name());
        assertThat(panel.body()).contains("from the LMS roster");
        assertThat(Html.testId(roster(session).body(), "roster-students")).as("stored for the next visit").isEqualTo("5");
    }

    @Test
    @RunAsClient
    void aSecondRefreshWithinFiveMinutesDoesNotAskTheLmsAgain() {
        Course c = Course.ofSeven("Physics, period 3");
        services().paging(Paging.MOODLE, 3);
        String session = sessionOf(c.teacher());
        assertThat(Html.testId(refresh(session).body(), "roster-students")).isEqualTo("5");
        int calls = services().calls(services().membershipsUrl(c.section())).size();

        HttpResponse<String> again = refresh(session);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Html.testId(again.body(), "roster-students")).isEqualTo("5");
        assertThat(services().calls(services().membershipsUrl(c.section()))).hasSize(calls).hasSize(3);
    }

    @Test
    @RunAsClient
    void oneServiceTokenServesManyCalls() {
        Course first = Course.ofSeven("Algebra, period 4");
        Course second = Course.ofSeven("Algebra, period 5");
        services().paging(Paging.CANVAS, 3);
        int tokensBefore = services().tokensIssued();

        refresh(sessionOf(first.teacher()));
        refresh(sessionOf(second.teacher()));

        List<Call> calls = Stream.concat(services().calls(services().membershipsUrl(first.section())).stream(),
                services().calls(services().membershipsUrl(second.section())).stream()).toList();
        assertThat(calls).hasSize(6).allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
        assertThat(calls).extracting(Call::token).containsOnly(calls.get(0).token());
        assertThat(services().tokensIssued()).isLessThanOrEqualTo(tokensBefore + 1);
        assertThat(services().grants()).filteredOn(g -> g.token().equals(calls.get(0).token())).singleElement()
                .satisfies(g -> assertThat(g.scopes()).containsExactly(PlatformServices.SCOPE_NRPS));
    }

    @Test
    @RunAsClient
    void anExpiredTokenIsReplacedAndTheCallRetriedOnce() {
        refresh(sessionOf(Course.ofSeven("Warm-up").teacher())); // Tandem now holds a token
        Course c = Course.ofSeven("Geometry, period 6");
        String session = sessionOf(c.teacher());
        services().expireTokens();
        int tokensBefore = services().tokensIssued();

        HttpResponse<String> panel = refresh(session);

        assertThat(Html.testId(panel.body(), "roster-problem")).isNull();
        assertThat(Html.testId(panel.body(), "roster-students")).isEqualTo("5");
        List<Call> calls = services().calls(services().membershipsUrl(c.section()));
        assertThat(calls).extracting(Call::status).containsExactly(401, 200);
        assertThat(services().tokensIssued()).isEqualTo(tokensBefore + 1);
        assertThat(calls.get(1).token()).isNotEqualTo(calls.get(0).token())
                .isEqualTo(services().grants().get(services().tokensIssued() - 1).token());
    }

    @Test
    @RunAsClient
    void a401OnTheFirstCallAfterATokenIsRetriedWithAFreshToken() {
        Course c = Course.ofSeven("Statistics, period 1");
        String session = sessionOf(c.teacher());
        services().failNextCalls(Fault.status(401));
        int tokensBefore = services().tokensIssued();

        HttpResponse<String> panel = refresh(session);

        assertThat(Html.testId(panel.body(), "roster-problem")).isNull();
        assertThat(Html.testId(panel.body(), "roster-students")).isEqualTo("5");
        assertThat(services().calls(services().membershipsUrl(c.section()))).extracting(Call::status).containsExactly(401, 200);
        assertThat(services().tokensIssued()).isEqualTo(tokensBefore + 1);
    }

    @Test
    @RunAsClient
    void aSecond401IsNotRetriedAgain() {
        Course c = Course.ofSeven("Statistics, period 2");
        String session = sessionOf(c.teacher());
        services().failNextCalls(Fault.status(401), Fault.status(401));
        int tokensBefore = services().tokensIssued();

        HttpResponse<String> panel = refresh(session);

        assertProblemShown(panel, "HTTP 401");
        assertThat(services().calls(services().membershipsUrl(c.section()))).extracting(Call::status).containsExactly(401, 401);
        assertThat(services().tokensIssued()).isEqualTo(tokensBefore + 1);
    }

    @Test
    @RunAsClient
    void aTokenAboutToExpireIsNotUsed() {
        Course c = Course.ofSeven("Calculus, period 3");
        services().paging(Paging.MOODLE, 3);
        services().tokenLifetime(Duration.ofSeconds(30)); // inside the connector's 60-second margin
        services().expireTokens();
        String session = sessionOf(c.teacher());
        int tokensBefore = services().tokensIssued();

        HttpResponse<String> panel = refresh(session);

        assertThat(Html.testId(panel.body(), "roster-students")).isEqualTo("5");
        List<Call> pages = services().calls(services().membershipsUrl(c.section())).stream().filter(call -> call.status() == 200).toList();
        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(Call::token).doesNotHaveDuplicates();
        assertThat(services().tokensIssued()).isEqualTo(tokensBefore + 3);
    }

    static Stream<Arguments> lmsProblems() {
        String oneMember = "{\"id\":\"x\",\"members\":[{\"user_id\":\"u1\",\"roles\":[\"" + LEARNER + "\"]}]}";
        return Stream.of(
                problem("answers with something that is not JSON", s -> s.failNextCalls(Fault.body("{\"members\": [")), "not JSON"),
                problem("answers JSON without a members list", s -> s.failNextCalls(Fault.body("{\"id\":\"x\"}")), "no members list"),
                problem("answers 503", s -> s.failNextCalls(Fault.status(503)), "HTTP 503"),
                problem("answers 500", s -> s.failNextCalls(Fault.status(500)), "HTTP 500"),
                problem("links its next page to another site", s -> s.failNextCalls(Fault.answer(Answer.json(200, oneMember)
                        .withHeader("Link", "<http://localhost:1/nrps/elsewhere?from=1>; rel=\"next\""))), "another site"),
                problem("refuses the client assertion", s -> {
                    s.revokeTokens();
                    s.failNextTokenRequests(() -> Answer.json(400, "{\"error\":\"invalid_client\",\"error_description\":\"unknown key\"}"));
                }, "did not grant Tandem access"),
                problem("fails at the token endpoint", s -> {
                    s.revokeTokens();
                    s.failNextTokenRequests(Fault.status(500));
                }, "HTTP 500"),
                problem("answers the token request with something that is not JSON", s -> {
                    s.revokeTokens();
                    s.failNextTokenRequests(() -> new Answer(200, "text/html", "<html>Sign in</html>", Map.of()));
                }, "not JSON"),
                problem("answers the token request without an access_token", s -> {
                    s.revokeTokens();
                    s.failNextTokenRequests(Fault.body("{\"token_type\":\"Bearer\",\"expires_in\":3600}"));
                }, "no access_token"));
    }

    @ParameterizedTest(name = "the LMS {0}")
    @MethodSource("lmsProblems")
    @RunAsClient
    void lmsFailuresAreShownInPlainWords(String what, Consumer<PlatformServices> failure, String words) {
        Course c = Course.ofSeven("History, " + what);
        String session = sessionOf(c.teacher());
        failure.accept(services());

        HttpResponse<String> panel = refresh(session);

        assertProblemShown(panel, words);
        assertThat(Html.testId(panel.body(), "roster-teachers")).as("the stored roster is still shown").isEqualTo("1");
    }

    @Test
    @RunAsClient
    void aTokenAnswerWithANumericAccessTokenIsAProblemNotACrash() {
        Course c = Course.ofSeven("History, numeric token");
        String session = sessionOf(c.teacher());
        services().revokeTokens();
        services().failNextTokenRequests(Fault.body("{\"access_token\":42,\"token_type\":\"Bearer\"}"));

        assertProblemShown(refresh(session), "access_token");
    }

    @Test
    @RunAsClient
    void aNextLinkThatIsNotAUrlIsAProblemNotACrash() {
        Course c = Course.ofSeven("History, bad link");
        String session = sessionOf(c.teacher());
        services().failNextCalls(Fault.answer(Answer.json(200, "{\"id\":\"x\",\"members\":[]}")
                .withHeader("Link", "<" + platform().origin() + "/nrps/x?from=3 |bad>; rel=\"next\"")));

        assertProblemShown(refresh(session), "link");
    }

    @Test
    @RunAsClient
    void aPlatformSlowerThanTheTimeoutIsAProblemNotAHang() {
        // The one slow test: the LMS answers half a second after the connector's 10-second timeout.
        Course c = Course.ofSeven("Art, period 7");
        String session = sessionOf(c.teacher());
        services().failNextCalls(services().slowly(Duration.ofMillis(10_500)));

        HttpResponse<String> panel = refresh(session);

        assertProblemShown(panel, "did not answer in time");
    }

    @Test
    @RunAsClient
    void twoTeachersRefreshingAtOnceBothGetTheRoster() throws Exception {
        Section section = Section.named("Orchestra");
        Person first = Person.of("Clara Schumann", section, INSTRUCTOR);
        Person second = Person.of("Nadia Boulanger", section, INSTRUCTOR);
        List<Person> members = new ArrayList<>(List.of(first, second));
        for (int i = 0; i < 200; i++) {
            members.add(Person.of("Player " + i, section, LEARNER));
        }
        services().roster(section, members.toArray(Person[]::new));
        List<String> sessions = List.of(sessionOf(first), sessionOf(second));
        services().failNextCalls(services().atOnce(2));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<HttpResponse<String>>> panels = new ArrayList<>();
        for (String session : sessions) {
            panels.add(pool.submit(() -> refresh(session)));
        }
        pool.shutdown();

        for (Future<HttpResponse<String>> panel : panels) {
            HttpResponse<String> p = panel.get(60, TimeUnit.SECONDS);
            assertThat(p.statusCode()).as(p.body()).isEqualTo(200);
            assertThat(Html.testId(p.body(), "roster-problem")).isNull();
            assertThat(Html.testId(p.body(), "roster-students")).isEqualTo("200");
        }
    }

    @Test
    @RunAsClient
    void withoutTheRosterServiceThereIsNothingToRefresh() {
        platform().offerServices(false);
        Course c = Course.ofSeven("Music, period 1");
        String session = sessionOf(c.teacher());

        assertThat(roster(session).body()).doesNotContain("data-testid=\"roster-refresh\"");
        assertProblemShown(refresh(session), "has not offered its roster service");
        assertThat(services().calls(services().membershipsUrl(c.section()))).isEmpty();
    }

    @Test
    @RunAsClient
    void studentsSeeNoRoster() {
        Course c = Course.ofSeven("Drama, period 2");
        String session = sessionOf(c.students().get(0));

        assertThat(roster(session).statusCode()).isEqualTo(403);
        assertThat(refresh(session).statusCode()).isEqualTo(403);
        assertThat(services().calls(services().membershipsUrl(c.section()))).isEmpty();
    }

    @Test
    @RunAsClient
    void theRosterNeedsASession() {
        assertThat(new Browser().get(TOOL + "/app/roster").statusCode()).isEqualTo(401);
        assertThat(new Browser().postForm(TOOL + "/app/roster/refresh", Map.of()).statusCode()).isEqualTo(401);
    }

    // ---- NRPS queries and the gradebook (AGS), in the server

    @Test
    void theRosterCanBeQueriedByRoleAndResourceLink() {
        Course c = Course.ofSeven("Economics, period 1");
        String sectionId = sectionOf(c.teacher());
        services().paging(Paging.MOODLE, 2);
        services().linkMembers("link-2", c.teacher(), c.students().get(0), c.students().get(1));

        List<Rosters.Member> learners = rosters.query(sectionId, LEARNER, null);
        List<Rosters.Member> inLink = rosters.query(sectionId, null, "link-2");

        assertThat(learners).extracting(Rosters.Member::name).containsExactlyElementsOf(c.students().stream().map(Person::name).toList());
        assertThat(inLink).extracting(Rosters.Member::subject)
                .containsExactly(c.teacher().sub(), c.students().get(0).sub(), c.students().get(1).sub());
        List<Call> calls = services().calls(services().membershipsUrl(c.section()));
        assertThat(calls).extracting(Call::query).allMatch(q -> q.contains("role=") || q.contains("rlid=link-2"));
        assertThat(calls.stream().filter(call -> call.query().contains("role="))).hasSize(3); // 5 learners, 2 a page
    }

    @Test
    void membersWhoLeftTheLmsCourseAreMarkedDeletedAndNoLongerCounted() {
        Course c = Course.ofSeven("Latin, period 4");
        String sectionId = sectionOf(c.teacher());
        assertThat(rosters.refresh(sectionId, true).count(AppRole.STUDENT)).isEqualTo(5);
        services().roster(c.section(), c.teacher(), c.students().get(0), c.students().get(1));

        Rosters.Roster after = rosters.refresh(sectionId, true);

        assertThat(after.count(AppRole.STUDENT)).isEqualTo(2);
        assertThat(after.teachers()).extracting(Rosters.Member::subject).containsExactly(c.teacher().sub());
        assertThat(after.members()).filteredOn(m -> !m.active()).extracting(Rosters.Member::subject, Rosters.Member::status)
                .containsExactlyInAnyOrder(Assertions.tuple(c.coTeacher().sub(), "Deleted"), Assertions.tuple(c.students().get(2).sub(), "Deleted"),
                        Assertions.tuple(c.students().get(3).sub(), "Deleted"), Assertions.tuple(c.students().get(4).sub(), "Deleted"));
        assertThat(after.members()).filteredOn(m -> m.subject().equals(c.teacher().sub())).singleElement()
                .satisfies(m -> assertThat(m.launchedTandem()).isTrue());
    }

    @Test
    void lineItemsAreListedAcrossPagesAndFiltered() {
        Section section = Section.named("Chemistry lab");
        String sectionId = sectionOf(Person.of("Marie Curie", section, INSTRUCTOR));
        for (int i = 1; i <= 5; i++) {
            services().addLineItem(section, "Quiz " + i, 10, i % 2 == 0 ? "even" : "odd", "quiz");
        }
        services().paging(Paging.CANVAS, 2);

        List<LineItem> all = grades.lineItems(sectionId, null, null, null);
        List<LineItem> even = grades.lineItems(sectionId, "even", "quiz", null);

        assertThat(all).extracting(LineItem::label).containsExactly("Quiz 1", "Quiz 2", "Quiz 3", "Quiz 4", "Quiz 5");
        assertThat(all).allSatisfy(i -> assertThat(i.id()).startsWith(platform().origin()).endsWith("/lineitem?type_id=7"));
        assertThat(even).extracting(LineItem::label).containsExactly("Quiz 2", "Quiz 4");
        List<Call> lists = services().calls(services().lineItemsUrl(section)).stream()
                .filter(call -> call.path().endsWith("/lineitems")).toList();
        assertThat(lists).hasSize(3 + 1);
        assertThat(lists.get(3).query()).contains("type_id=7").contains("resource_id=even").contains("tag=quiz");
    }

    @Test
    void aLineItemIsCreatedUpdatedAndDeleted() {
        Section section = Section.named("Biology lab");
        String sectionId = sectionOf(Person.of("Rachel Carson", section, INSTRUCTOR));

        LineItem created = grades.create(sectionId, new LineItem(null, "Lab report", 20, "lab-1", "lab", "link-1"));

        assertThat(created.id()).startsWith(platform().origin() + "/ags/").endsWith("/lineitem?type_id=7");
        assertThat(created).extracting(LineItem::label, LineItem::scoreMaximum, LineItem::resourceId, LineItem::tag, LineItem::resourceLinkId)
                .containsExactly("Lab report", 20.0, "lab-1", "lab", "link-1");
        assertThat(services().lineItems(section)).singleElement().satisfies(i -> assertThat(i.get("id")).isEqualTo(created.id()));

        LineItem updated = grades.update(sectionId, new LineItem(created.id(), "Lab report (revised)", 25, "lab-1", "lab", "link-1"));

        assertThat(updated.label()).isEqualTo("Lab report (revised)");
        assertThat(services().lineItems(section)).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("label", "Lab report (revised)").containsEntry("scoreMaximum", 25.0));

        grades.delete(sectionId, created.id());

        assertThat(services().lineItems(section)).isEmpty();
        assertThat(services().calls(created.id())).extracting(Call::method, Call::query, Call::status)
                .containsExactly(Assertions.tuple("PUT", "type_id=7", 200), Assertions.tuple("DELETE", "type_id=7", 204));
    }

    @Test
    void scoresGoBeforeTheLineItemQueryAndResultsComeBackPaged() {
        Course c = Course.ofSeven("Literature, period 2");
        String sectionId = sectionOf(c.teacher());
        String essay = services().addLineItem(c.section(), "Essay", 100, "essay-1", null);
        List<Person> graded = c.students().subList(0, 3);

        for (int i = 0; i < graded.size(); i++) {
            grades.submitScore(sectionId, essay, new Score(graded.get(i).sub(), 80.0 + i, 100.0, "Completed", "FullyGraded", "Well argued", null));
        }

        List<Call> posted = services().calls(essay).stream().filter(call -> call.method().equals("POST")).toList();
        assertThat(posted).hasSize(3).allSatisfy(call -> {
            assertThat(call.path()).isEqualTo(URI.create(essay).getPath() + "/scores");
            assertThat(call.query()).isEqualTo("type_id=7");
            assertThat(call.contentType()).isEqualTo("application/vnd.ims.lis.v1.score+json");
            assertThat(call.status()).isEqualTo(204);
        });
        assertThat(services().scores(essay)).extracting(s -> s.get("userId")).containsExactlyElementsOf(graded.stream().map(Person::sub).toList());
        assertThat(services().scores(essay).get(0)).containsKeys("timestamp", "activityProgress", "gradingProgress", "scoreGiven", "scoreMaximum");

        services().paging(Paging.MOODLE, 2);
        List<Result> results = grades.results(sectionId, essay);

        assertThat(results).extracting(Result::userId, Result::resultScore, Result::comment).containsExactlyInAnyOrder(
                Assertions.tuple(graded.get(0).sub(), 80.0, "Well argued"), Assertions.tuple(graded.get(1).sub(), 81.0, "Well argued"),
                Assertions.tuple(graded.get(2).sub(), 82.0, "Well argued"));
        assertThat(services().calls(essay).stream().filter(call -> call.path().endsWith("/lineitem/results")))
                .extracting(Call::status).containsExactly(200, 200);
    }

    @Test
    void lineItemUrlsOnAnotherOriginAreRefused() {
        Section section = Section.named("Geography");
        String sectionId = sectionOf(Person.of("Alexander von Humboldt", section, INSTRUCTOR));
        String item = services().addLineItem(section, "Map quiz", 10, null, null);
        String elsewhere = item.replace("127.0.0.1", "localhost"); // same port, another origin
        int calls = services().calls().size();

        List<Runnable> uses = List.of(
                () -> grades.update(sectionId, new LineItem(elsewhere, "Map quiz", 10, null, null, null)),
                () -> grades.delete(sectionId, elsewhere),
                () -> grades.submitScore(sectionId, elsewhere, new Score("someone", 1.0, 10.0, null, null, null, null)),
                () -> grades.results(sectionId, elsewhere),
                () -> grades.delete(sectionId, "https://evil.example/lineitems/1"));

        assertThat(uses).allSatisfy(use -> assertThatThrownBy(use::run).isInstanceOf(PlatformServiceException.class)
                .hasMessageContaining("outside the LMS"));
        assertThat(services().calls()).hasSize(calls);
    }

    // ---- helpers

    /** Launches the person and returns the launch-session token of their home page. */
    private static String sessionOf(Person person) {
        HttpResponse<String> home = platform().launch(new Browser(), person);
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        return Html.sessionToken(home.body());
    }

    /** In the server: the id of the section a real launch of this person created. */
    private String sectionOf(Person person) {
        return sessions.resolve(sessionOf(person)).orElseThrow().sectionId();
    }

    private static HttpResponse<String> roster(String session) {
        return new Browser().get(TOOL + "/app/roster", "X-Tandem-Session", session);
    }

    private static HttpResponse<String> refresh(String session) {
        return new Browser().post(TOOL + "/app/roster/refresh", "X-Tandem-Session", session);
    }

    private static List<String> teacherNames(HttpResponse<String> panel) {
        List<String> names = new ArrayList<>();
        Matcher m = CHIP.matcher(panel.body());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** An LMS problem in the panel: a 200 fragment with an alert in plain words, never an error page. */
    private static void assertProblemShown(HttpResponse<String> panel, String words) {
        assertThat(panel.statusCode()).as(panel.body()).isEqualTo(200);
        assertThat(panel.body()).containsPattern("<p [^>]*role=\"alert\"[^>]*data-testid=\"roster-problem\"")
                .doesNotContain("Exception").doesNotContain("incident");
        assertThat(Html.testId(panel.body(), "roster-problem")).contains(words);
    }

    private static Arguments problem(String what, Consumer<PlatformServices> failure, String words) {
        return Arguments.of(what, failure, words);
    }
}
