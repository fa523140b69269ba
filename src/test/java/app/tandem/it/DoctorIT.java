package app.tandem.it;

import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registration doctor: on a healthy test platform every check is named and OK; each misconfiguration a test
 * platform can show (JWKS failing or leaking private keys, token endpoint unreachable, no deployments, clock skew,
 * refused launches, blocked cookies) turns exactly its check to FAIL or WARN, with a fix. Coordinators see only
 * their district's registrations; teachers are refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DoctorIT {
    static final String AUTH = "Platform sign-in (OIDC auth) endpoint";
    static final String JWKS = "Platform public keys (JWKS)";
    static final String TOKEN = "Platform token endpoint";
    static final String OWN_JWKS = "Tandem's public keys at its configured URL";
    static final String LAUNCH_URL = "Redirect (launch) URL";
    static final String DEPLOYMENTS = "Deployments";
    static final String CLOCK = "Clock difference";
    static final String BINDING = "Cookies and platform storage";
    static final String REFUSALS = "Recent refusals";
    static final List<String> ALL = List.of(AUTH, JWKS, TOKEN, OWN_JWKS, LAUNCH_URL, DEPLOYMENTS, CLOCK, BINDING, REFUSALS);
    private static final String TOOL = Deployments.toolBase();

    private static TestPlatform healthy;
    private static TestPlatform neighbour;

    private final AdminClient admin = AdminClient.authorized();

    /** A check of a doctor report. */
    private record Check(String name, String status, String finding, String fix) {
    }

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void startPlatforms() {
        healthy = TestPlatform.start("DoctorIT");
        neighbour = TestPlatform.start("DoctorIT-neighbour");
    }

    @AfterAll
    static void stopPlatforms() {
        healthy.close();
        neighbour.close();
    }

    @Test
    void aHealthyRegistrationPassesEveryNamedCheck() {
        platformLaunch(healthy, Person.of("Dorothy Vaughan", Section.named("Computing"), INSTRUCTOR), t -> { });

        Map<String, Object> report = doctor(healthy);

        assertThat(report).containsEntry("registrationId", healthy.registrationId()).containsEntry("overall", "OK");
        List<Check> checks = checks(report);
        assertThat(checks).extracting(Check::name).containsExactlyElementsOf(ALL);
        assertThat(checks).allSatisfy(c -> {
            assertThat(c.status()).as(c.name() + ": " + c.finding()).isEqualTo("OK");
            assertThat(c.finding()).isNotBlank();
        });
        assertThat(check(checks, OWN_JWKS).finding()).contains(ToolJwks.url());
        assertThat(check(checks, LAUNCH_URL).finding()).contains(TOOL + "/lti/launch").contains(TOOL + "/lti/login");
        assertThat(check(checks, CLOCK).finding()).contains("recent launch");
    }

    static Stream<Arguments> misconfigurations() {
        return Stream.of(
                broken("a JWKS URL answering 500", p -> p.jwksStatus(500), Map.of(JWKS, "FAIL"), "HTTP 500"),
                broken("a JWKS with private key material", p -> p.publishKeysAs(k -> k), Map.of(JWKS, "FAIL"), "PRIVATE"),
                broken("JWKS keys without alg", p -> p.publishKeysAs(k -> new RSAKey.Builder(k.toRSAKey().toPublicJWK()).algorithm(null).build()),
                        Map.of(JWKS, "WARN"), "no alg"),
                broken("a JWKS of encryption keys only", p -> p.publishKeysAs(k -> new RSAKey.Builder(k.toRSAKey().toPublicJWK()).keyUse(KeyUse.ENCRYPTION).build()),
                        Map.of(JWKS, "FAIL"), "no signing key"),
                broken("an unreachable token endpoint", p -> p.registerTokenEndpoint("http://127.0.0.1:" + closedPort() + "/token"),
                        Map.of(TOKEN, "FAIL"), "could not reach"),
                broken("no token endpoint", p -> p.registerTokenEndpoint(null), Map.of(TOKEN, "WARN"), "No token endpoint"),
                broken("no deployments", TestPlatform::unregisterDeployments, Map.of(DEPLOYMENTS, "FAIL"), "No deployment"),
                broken("a platform clock 45 s behind", p -> platformLaunch(p, teacherOf(p),
                        t -> t.claims().issueTime(secondsFromNow(-45))), Map.of(CLOCK, "WARN"), "up to (4[5-9]|5[0-9]) s after"),
                broken("launches refused for expired tokens", p -> platformLaunch(p, teacherOf(p),
                        t -> t.claims().issueTime(secondsFromNow(-600)).expirationTime(secondsFromNow(-300))),
                        Map.of(CLOCK, "FAIL", REFUSALS, "WARN"), "refused for token times"),
                broken("launches refused for another audience", p -> platformLaunch(p, teacherOf(p), t -> t.claims().audience("someone-else")),
                        Map.of(REFUSALS, "WARN"), "audience_mismatch"),
                broken("browsers that drop Tandem's cookie", DoctorIT::launchWithoutCookies,
                        Map.of(BINDING, "WARN", REFUSALS, "WARN"), "1 refused for blocked cookies"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misconfigurations")
    void eachMisconfigurationFailsOrWarnsItsCheckWithAFix(String what, Consumer<TestPlatform> breakage, Map<String, String> expected, String findingPattern) {
        try (TestPlatform platform = TestPlatform.start("DoctorIT-" + UUID.randomUUID().toString().substring(0, 8))) {
            breakage.accept(platform);

            Map<String, Object> report = doctor(platform);

            List<Check> checks = checks(report);
            assertThat(checks).extracting(Check::name).containsExactlyElementsOf(ALL);
            Map<String, String> statuses = new LinkedHashMap<>();
            checks.forEach(c -> statuses.put(c.name(), c.status()));
            Map<String, String> wanted = new LinkedHashMap<>();
            ALL.forEach(name -> wanted.put(name, expected.getOrDefault(name, "OK")));
            assertThat(statuses).as(checks.toString()).isEqualTo(wanted);
            assertThat(report.get("overall")).isEqualTo(expected.containsValue("FAIL") ? "FAIL" : "WARN");
            assertThat(expected.keySet()).allSatisfy(name -> assertThat(check(checks, name).fix()).as(name + " fix").isNotBlank());
            assertThat(expected.keySet().stream().map(name -> check(checks, name).finding())).anyMatch(f -> Pattern.compile(findingPattern).matcher(f).find());
        }
    }

    @Test
    void theAdminApiNeedsItsTokenAndAKnownRegistration() {
        assertThat(admin.send("GET", "/registrations/no-such-registration/doctor", (String) null).statusCode()).isEqualTo(404);
        assertThat(new AdminClient(null).send("GET", "/registrations/" + healthy.registrationId() + "/doctor", (String) null).statusCode())
                .isEqualTo(401);
    }

    // ---- the coordinator's page

    @Test
    void coordinatorsCheckTheirDistrictsConnectionsOnly() {
        String session = session(healthy, Person.of("Evelyn Granville", null, INSTITUTION_ADMIN));

        HttpResponse<String> list = get("/app/doctor", session);

        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(healthy.registrationId()).contains(healthy.issuer())
                .doesNotContain(neighbour.registrationId()).doesNotContain(neighbour.issuer());

        HttpResponse<String> report = get("/app/doctor/" + healthy.registrationId(), session);

        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        String text = Browser.unescape(report.body());
        assertThat(text).contains("data-testid=\"doctor-report\"").containsPattern("Overall: <strong[^>]*>OK</strong>");
        assertThat(ALL).allSatisfy(name -> assertThat(text).contains("<strong>OK</strong> — " + name + ":"));

        assertThat(get("/app/doctor/" + neighbour.registrationId(), session).statusCode()).isEqualTo(404);
        assertThat(get("/app/doctor/no-such-registration", session).statusCode()).isEqualTo(404);
    }

    @Test
    void teachersCannotRunTheDoctor() {
        String session = session(healthy, Person.of("Mary Jackson", Section.named("Engineering"), INSTRUCTOR));

        assertThat(get("/app/doctor", session).statusCode()).isEqualTo(403);
        assertThat(get("/app/doctor/" + healthy.registrationId(), session).statusCode()).isEqualTo(403);
    }

    @Test
    void theDoctorPageNeedsASession() {
        assertThat(new Browser().get(TOOL + "/app/doctor").statusCode()).isEqualTo(401);
    }

    // ---- helpers

    private Map<String, Object> doctor(TestPlatform platform) {
        HttpResponse<String> r = admin.send("GET", "/registrations/" + platform.registrationId() + "/doctor", (String) null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return AdminClient.json(r);
    }

    @SuppressWarnings("unchecked")
    private static List<Check> checks(Map<String, Object> report) {
        return ((List<Object>) report.get("checks")).stream().map(o -> (Map<String, Object>) o)
                .map(c -> new Check((String) c.get("name"), (String) c.get("status"), (String) c.get("finding"), (String) c.get("fix"))).toList();
    }

    private static Check check(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no check " + name));
    }

    private static HttpResponse<String> get(String path, String session) {
        return new Browser().get(TOOL + path, "X-Tandem-Session", session);
    }

    private static String session(TestPlatform platform, Person person) {
        HttpResponse<String> home = platform.launch(new Browser(), person);
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        return Html.sessionToken(home.body());
    }

    private static Person teacherOf(TestPlatform platform) {
        return Person.of("Teacher at " + platform.issuer(), Section.named("Doctor's waiting room"), INSTRUCTOR);
    }

    private static void platformLaunch(TestPlatform platform, Person person, Consumer<TestPlatform.Token> change) {
        platform.launch(new Browser(), person, change);
    }

    /** A login whose launch comes back without Tandem's state cookie and without LMS platform storage. */
    private static void launchWithoutCookies(TestPlatform platform) {
        Browser browser = new Browser();
        Browser.Form launch = platform.authenticate(browser, teacherOf(platform));
        browser.forgetCookies();
        assertThat(browser.submit(launch).statusCode()).isEqualTo(401);
    }

    private static Date secondsFromNow(int seconds) {
        return Date.from(Instant.now().plus(Duration.ofSeconds(seconds)));
    }

    /** A loopback port nobody listens on (it was free a moment ago). */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arguments broken(String what, Consumer<TestPlatform> breakage, Map<String, String> expected, String findingPattern) {
        return Arguments.of(what, breakage, expected, findingPattern);
    }
}
