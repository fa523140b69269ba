package app.tandem.it;

import static app.tandem.it.TestPlatform.INSTITUTION_ADMIN;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole LTI 1.3 launch, as a browser makes it between a platform and Tandem, up to the first page and its session. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LaunchFlowIT {
    private static final String TOOL = Deployments.toolBase();
    private static TestPlatform platform;

    private final Browser browser = new Browser();
    private final Person teacher = Person.of("Mary Jackson", Section.named("Physics, period 4"), INSTRUCTOR);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void startPlatform() {
        platform = TestPlatform.start("LaunchFlowIT");
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    static Stream<Arguments> roles() {
        Section algebra = Section.named("Algebra I, period 2");
        return Stream.of(
                Arguments.of(Person.of("Ada Lovelace", algebra, INSTRUCTOR), "Algebra I, period 2", "Teacher"),
                Arguments.of(Person.of("Grace Hopper", algebra, LEARNER), "Algebra I, period 2", "Student"),
                Arguments.of(Person.of("Katherine Johnson", null, INSTITUTION_ADMIN), platform.districtName(), "eLearning coordinator"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("roles")
    void landsOnTheHomePageOfTheRole(Person person, String where, String role) {
        HttpResponse<String> home = platform.launch(browser, person);

        assertHome(home, person.name(), where);
        assertThat(Html.testId(home.body(), "role")).isEqualTo(role);
    }

    @Test
    void launchesWithALoginInitiatedByPost() {
        HttpResponse<String> login = browser.postForm(TOOL + "/lti/login", platform.loginParameters(teacher));
        assertThat(login.statusCode()).isEqualTo(302);

        assertHome(browser.submit(platform.authenticate(browser, login)), teacher.name(), teacher.section().title());
    }

    @Test
    void theHomePageTokenOpensTheSession() {
        String token = Html.sessionToken(platform.launch(browser, teacher).body());
        assertThat(token).isNotBlank();

        HttpResponse<String> session = browser.get(TOOL + "/app/session", "X-Tandem-Session", token);
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(Html.testId(session.body(), "session-info")).contains(teacher.name());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"garbage", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void noSessionWithoutAValidToken(String token) {
        HttpResponse<String> session = token == null ? browser.get(TOOL + "/app/session")
                : browser.get(TOOL + "/app/session", "X-Tandem-Session", token);
        assertThat(session.statusCode()).isEqualTo(401);
    }

    @Test
    void loginRedirectCarriesExactlyTheRequiredParametersWhateverTheRequestSays() {
        Map<String, String> params = platform.loginParameters(teacher);
        params.put("redirect_uri", "https://evil.example/steal");
        params.put("response_mode", "query");
        params.put("scope", "openid profile");
        HttpResponse<String> login = browser.get(TestPlatform.loginUrl(params),
                "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https", "Forwarded", "host=evil.example;proto=https");

        assertThat(login.statusCode()).isEqualTo(302);
        URI location = URI.create(login.headers().firstValue("Location").orElseThrow());
        assertThat(location.resolve(location.getRawPath()).toString()).isEqualTo(platform.origin() + "/auth");
        Map<String, String> auth = Browser.queryOf(location);
        assertThat(auth.keySet()).containsExactlyInAnyOrder("scope", "response_type", "response_mode", "prompt", "client_id",
                "redirect_uri", "login_hint", "lti_message_hint", "state", "nonce");
        assertThat(auth).containsEntry("scope", "openid").containsEntry("response_type", "id_token")
                .containsEntry("response_mode", "form_post").containsEntry("prompt", "none")
                .containsEntry("client_id", platform.clientId()).containsEntry("redirect_uri", TOOL + "/lti/launch")
                .containsEntry("login_hint", teacher.sub()).containsEntry("lti_message_hint", params.get("lti_message_hint"));
        assertThat(auth.get("state")).isNotBlank();
        assertThat(auth.get("nonce")).isNotBlank();
    }

    @Test
    void everyLoginHasItsOwnStateAndNonce() {
        Map<String, String> first = Browser.queryOf(loginRedirect());
        Map<String, String> second = Browser.queryOf(loginRedirect());

        assertThat(second.get("state")).isNotEqualTo(first.get("state"));
        assertThat(second.get("nonce")).isNotEqualTo(first.get("nonce"));
    }

    @Test
    void stateCookieIsSentCrossSiteOverHttpsOnlyAndHiddenFromScripts() {
        HttpResponse<String> login = browser.get(TestPlatform.loginUrl(platform.loginParameters(teacher)));

        List<String> cookie = attributes(login.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(cookie.get(0)).startsWith("lti_state_");
        assertThat(cookie).contains("samesite=none", "secure", "httponly", "path=/tandem-it/lti/");
    }

    @Test
    void theLaunchClearsTheStateCookie() {
        Browser.Form launch = platform.authenticate(browser, teacher);
        assertThat(browser.cookieNames()).anyMatch(name -> name.startsWith("lti_state_"));

        HttpResponse<String> home = browser.submit(launch);

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(browser.cookieNames()).noneMatch(name -> name.startsWith("lti_state_"));
    }

    @Test
    void theHomePageMayBeFramedByThePlatform() {
        HttpResponse<String> home = platform.launch(browser, teacher);

        String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
        String frameAncestors = Arrays.stream(csp.split(";")).map(String::strip)
                .filter(d -> d.startsWith("frame-ancestors ")).findFirst().orElseThrow();
        assertThat(frameAncestors.split(" ")).contains(platform.origin()).doesNotContain("*");
    }

    @Test
    void aRelaunchUpdatesThePersonAndTheSection() {
        assertHome(platform.launch(browser, teacher), teacher.name(), teacher.section().title());

        Person married = teacher.renamed("Mary Winston Jackson").in(new Section(teacher.section().id(), "Physics (honors)"));
        assertHome(platform.launch(new Browser(), married), "Mary Winston Jackson", "Physics (honors)");
    }

    private URI loginRedirect() {
        HttpResponse<String> login = browser.get(TestPlatform.loginUrl(platform.loginParameters(teacher)));
        return URI.create(login.headers().firstValue("Location").orElseThrow());
    }

    private static void assertHome(HttpResponse<String> home, String name, String where) {
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        assertThat(home.body()).contains(">Welcome, " + name + "<");
        assertThat(Html.testId(home.body(), "section")).isEqualTo(where);
    }

    /** A Set-Cookie header's name=value and attributes, the attributes in lower case. */
    private static List<String> attributes(String setCookie) {
        List<String> parts = Arrays.stream(setCookie.split(";")).map(String::strip).toList();
        return Stream.concat(Stream.of(parts.get(0)), parts.stream().skip(1).map(a -> a.toLowerCase(Locale.ROOT))).toList();
    }
}
