package app.tandem.it;

import static app.tandem.it.TestPlatform.DL;
import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LEARNER;
import static app.tandem.it.TestPlatform.LTI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.it.TestPlatform.DeepLinkReturn;
import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.DeepLinks;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchSessions;
import app.tandem.lti.application.Rejection;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deep Linking 2.0 end to end: the LMS's LtiDeepLinkingRequest opens Tandem's picker, the teacher's choice goes
 * back to the LMS as an auto-posted LtiDeepLinkingResponse that the platform verifies with Tandem's published
 * JWKS, and a launch of the placed link opens what was placed. Refusals: students, too many items, requests
 * without usable settings. Tandem offers one placeable item so far, so the accept_multiple rule for two distinct
 * items (and an item with a line item) is tested inside the server, through {@code @Inject DeepLinks}.
 */
@ExtendWith(ArquillianExtension.class)
class DeepLinkingIT {
    private static final String TOOL = Deployments.toolBase();
    private static final PlatformPerJvm PLATFORM = new PlatformPerJvm("DeepLinkingIT");

    @Inject
    DeepLinks deepLinks;

    @Inject
    LaunchSessions sessions;

    private final Browser browser = new Browser();
    private final Section section = Section.named("Astronomy, period 3");
    private final Person teacher = Person.of("Katherine Johnson", section, INSTRUCTOR);
    private final Person student = Person.of("Mae Jemison", section, LEARNER);

    @Deployment
    static WebArchive app() {
        return Deployments.tandemWithTestPlatform();
    }

    private static TestPlatform platform() {
        return PLATFORM.get();
    }

    @AfterAll
    static void stopPlatform() {
        PLATFORM.close();
    }

    @Test
    @RunAsClient
    void aDeepLinkingLaunchOpensThePickerOfOneItemWhenTheLmsTakesOne() {
        HttpResponse<String> picker = platform().launch(browser, teacher, TestPlatform.deepLinkingRequest(platform().deepLinkingSettings()));

        assertThat(picker.statusCode()).as(picker.body()).isEqualTo(200);
        assertThat(picker.body()).contains("data-testid=\"deep-linking-form\"").contains("Choose one item to add")
                .containsPattern("<input type=\"radio\" name=\"item\" id=\"item-course-home\" value=\"course-home\"");
        assertThat(Browser.form(picker).action()).isEqualTo(TOOL + "/app/deep-link");
    }

    static Stream<Arguments> acceptMultiple() {
        return Stream.of(Arguments.of("true", "checkbox"), Arguments.of(true, "checkbox"), Arguments.of("false", "radio"),
                Arguments.of(false, "radio"), Arguments.of(null, "radio"));
    }

    @ParameterizedTest(name = "accept_multiple {0} (a {1})")
    @MethodSource("acceptMultiple")
    @RunAsClient
    void acceptMultipleAsABooleanOrMoodlesStringDecidesTheChoice(Object acceptMultiple, String input) {
        Map<String, Object> settings = platform().deepLinkingSettings();
        settings.put("accept_multiple", acceptMultiple);

        HttpResponse<String> picker = platform().launch(browser, teacher, TestPlatform.deepLinkingRequest(settings));

        assertThat(picker.body()).contains("<input type=\"" + input + "\" name=\"item\"");
    }

    @Test
    @RunAsClient
    void theChoiceGoesBackToTheLmsSignedAndVerifiableWithTandemsKeys() {
        Map<String, Object> settings = platform().deepLinkingSettings();
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse<String> autopost = browser.submit(Browser.form(
                platform().launch(browser, teacher, TestPlatform.deepLinkingRequest(settings))));

        assertThat(autopost.statusCode()).as(autopost.body()).isEqualTo(200);
        assertThat(autopost.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(directive(autopost, "form-action")).containsExactly(platform().origin());
        Browser.Form back = Browser.form(autopost);
        assertThat(back.action()).isEqualTo(platform().deepLinkReturnUrl());
        assertThat(back.fields()).containsOnlyKeys("JWT");

        HttpResponse<String> atTheLms = browser.submit(back);

        assertThat(atTheLms.statusCode()).as(atTheLms.body()).isEqualTo(200);
        DeepLinkReturn response = lastReturn();
        JWTClaimsSet claims = response.claims();
        assertThat(response.kid()).isEqualTo(ToolJwks.verify(back.fields().get("JWT")).getHeader().getKeyID());
        assertThat(claims.getIssuer()).isEqualTo(platform().clientId());
        assertThat(claims.getAudience()).containsExactly(platform().issuer());
        assertThat(claims.getClaim("nonce")).asString().isNotBlank();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now()).isBefore(before.plus(Duration.ofMinutes(11)));
        assertThat(claims.getClaims()).containsEntry(LTI + "deployment_id", TestPlatform.DEPLOYMENT_ID)
                .containsEntry(LTI + "message_type", "LtiDeepLinkingResponse").containsEntry(LTI + "version", "1.3.0")
                .containsEntry(DL + "data", settings.get("data"));
        Map<String, Object> item = onlyItem(claims);
        assertThat(item).containsEntry("type", "ltiResourceLink").containsEntry("url", TOOL + "/app/home")
                .containsEntry("custom", Map.of("tandem_target", "home")).containsKey("iframe").doesNotContainKey("window");
        assertThat(item.get("title")).asString().isNotBlank();
    }

    @Test
    @RunAsClient
    void aLaunchOfThePlacedLinkOpensTheCourseHome() {
        Map<String, Object> item = placeCourseHome(platform().deepLinkingSettings());
        Consumer<TestPlatform.Token> placedLink = t -> t.claims().claim(LTI + "custom", item.get("custom"))
                .claim(LTI + "target_link_uri", item.get("url"))
                .claim(LTI + "resource_link", Map.of("id", "placed-link-1", "title", item.get("title")));

        HttpResponse<String> teacherHome = platform().launch(new Browser(), teacher, placedLink);
        HttpResponse<String> studentHome = platform().launch(new Browser(), student, placedLink);

        assertThat(teacherHome.statusCode()).as(teacherHome.body()).isEqualTo(200);
        assertThat(Html.testId(teacherHome.body(), "section")).isEqualTo(section.title());
        assertThat(Html.testId(teacherHome.body(), "role")).isEqualTo("Teacher");
        assertThat(studentHome.statusCode()).as(studentHome.body()).isEqualTo(200);
        assertThat(Html.testId(studentHome.body(), "role")).isEqualTo("Student");
    }

    @Test
    @RunAsClient
    void withoutDataNothingIsEchoedAndAWindowTargetIsHonoured() {
        Map<String, Object> settings = platform().deepLinkingSettings();
        settings.remove("data");
        settings.put("accept_presentation_document_targets", List.of("window"));

        Map<String, Object> item = placeCourseHome(settings);

        assertThat(lastReturn().claims().getClaims()).doesNotContainKey(DL + "data");
        assertThat(item).containsKey("window").doesNotContainKey("iframe");
    }

    @Test
    @RunAsClient
    void everyResponseHasItsOwnNonceAndId() {
        placeCourseHome(platform().deepLinkingSettings());
        JWTClaimsSet first = lastReturn().claims();
        placeCourseHome(platform().deepLinkingSettings());
        JWTClaimsSet second = lastReturn().claims();

        assertThat(second.getClaim("nonce")).isNotEqualTo(first.getClaim("nonce"));
        assertThat(second.getJWTID()).isNotEqualTo(first.getJWTID());
    }

    // ---- refusals

    @Test
    @RunAsClient
    void studentsAreToldOnlyTeachersCanAddContent() {
        HttpResponse<String> page = platform().launch(browser, student, TestPlatform.deepLinkingRequest(platform().deepLinkingSettings()));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Html.testId(page.body(), "deep-linking-refused")).contains("Only teachers");
        assertThat(page.body()).doesNotContain("data-testid=\"deep-linking-form\"");

        int returns = platform().deepLinkReturns().size();
        HttpResponse<String> forced = browser.postFormPairs(TOOL + "/app/deep-link", "session", Html.sessionToken(page.body()), "item", "course-home");

        assertThat(forced.statusCode()).isEqualTo(403);
        assertThat(forced.body()).doesNotContain("name=\"JWT\"");
        assertThat(platform().deepLinkReturns()).hasSize(returns);
    }

    @Test
    @RunAsClient
    void moreItemsThanTheLmsTakesAreRefused() {
        // Over HTTP only the course home can be chosen, so this is the same item twice; two distinct items against
        // accept_multiple=false are refused in theLmsGetsAsManyItemsAsItAccepts (in the server).
        String session = Html.sessionToken(platform().launch(browser, teacher, TestPlatform.deepLinkingRequest(platform().deepLinkingSettings())).body());

        HttpResponse<String> two = browser.postFormPairs(TOOL + "/app/deep-link", "session", session, "item", "course-home", "item", "course-home");

        assertThat(two.statusCode()).isBetween(400, 499);
        assertThat(two.body()).doesNotContain("name=\"JWT\"");
    }

    @Test
    @RunAsClient
    void nothingChosenOrAnUnknownItemIsRefused() {
        String session = Html.sessionToken(platform().launch(browser, teacher, TestPlatform.deepLinkingRequest(platform().deepLinkingSettings())).body());

        assertThat(browser.postFormPairs(TOOL + "/app/deep-link", "session", session).statusCode()).isEqualTo(400);
        assertThat(browser.postFormPairs(TOOL + "/app/deep-link", "session", session, "item", "not-offered").statusCode()).isEqualTo(400);
    }

    @Test
    @RunAsClient
    void aResourceLinkSessionCannotAnswerADeepLinkingRequest() {
        String session = Html.sessionToken(platform().launch(browser, teacher).body());

        HttpResponse<String> answer = browser.postFormPairs(TOOL + "/app/deep-link", "session", session, "item", "course-home");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("name=\"JWT\"");
    }

    @Test
    @RunAsClient
    void theDeepLinkNeedsASessionToken() {
        assertThat(browser.postFormPairs(TOOL + "/app/deep-link", "item", "course-home").statusCode()).isEqualTo(401);
        assertThat(browser.postFormPairs(TOOL + "/app/deep-link", "session", "forged", "item", "course-home").statusCode()).isEqualTo(401);
    }

    static Stream<Arguments> unusableRequests() {
        return Stream.of(
                refusal("without deep_linking_settings", s -> s.clear(), Rejection.DEEP_LINKING_SETTINGS),
                refusal("without a return URL", s -> s.remove("deep_link_return_url"), Rejection.DEEP_LINKING_SETTINGS),
                refusal("returning to a javascript: URL", s -> s.put("deep_link_return_url", "javascript:alert(1)"), Rejection.DEEP_LINKING_SETTINGS),
                refusal("accepting files and HTML only", s -> s.put("accept_types", List.of("file", "html")), Rejection.DEEP_LINKING_TYPES),
                refusal("without accept_types", s -> s.remove("accept_types"), Rejection.DEEP_LINKING_TYPES));
    }

    @ParameterizedTest(name = "a deep-linking request {0}")
    @MethodSource("unusableRequests")
    @RunAsClient
    void refusesDeepLinkingRequestsItCannotAnswer(String what, Consumer<Map<String, Object>> change, Rejection expected) {
        Map<String, Object> settings = platform().deepLinkingSettings();
        change.accept(settings);

        HttpResponse<String> page = platform().launch(browser, teacher, TestPlatform.deepLinkingRequest(settings.isEmpty() ? null : settings));

        assertThat(page.statusCode()).isEqualTo(expected.status());
        assertThat(Html.testId(page.body(), "rejection-code")).isEqualTo(expected.code());
        assertThat(Html.sessionToken(page.body())).isNull();
    }

    @Test
    void theLmsGetsAsManyItemsAsItAccepts() {
        List<DeepLinks.ContentItem> two = List.of(
                new DeepLinks.ContentItem("Unit 1", "Standards of unit 1", Map.of("tandem_target", "unit-1"), null),
                new DeepLinks.ContentItem("Unit 1 quiz", "Aligned quiz", Map.of("tandem_target", "quiz-1"),
                        new DeepLinks.LineItem(10, "Unit 1 quiz", "quiz-1", "quiz")));
        Map<String, Object> takesOne = platform().deepLinkingSettings();
        Map<String, Object> takesMany = platform().deepLinkingSettings();
        takesMany.put("accept_multiple", "true");

        assertThatThrownBy(() -> deepLinks.respond(deepLinkingLaunch(takesOne), two))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("only one");

        DeepLinks.Response response = deepLinks.respond(deepLinkingLaunch(takesMany), two);

        assertThat(response.returnUrl()).isEqualTo(platform().deepLinkReturnUrl());
        assertThat(new Browser().postForm(response.returnUrl(), Map.of("JWT", response.jwt())).statusCode()).isEqualTo(200);
        List<Object> items = asList(lastReturn().claims().getClaim(DL + "content_items"));
        assertThat(items).hasSize(2);
        assertThat(items.get(1)).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("custom", Map.of("tandem_target", "quiz-1"))
                .containsEntry("lineItem", Map.of("scoreMaximum", 10.0, "label", "Unit 1 quiz", "resourceId", "quiz-1", "tag", "quiz"));
    }

    // ---- helpers

    /** In the server: the launch context of a teacher's deep-linking launch with these settings. */
    private LaunchContext deepLinkingLaunch(Map<String, Object> settings) {
        HttpResponse<String> picker = platform().launch(new Browser(), teacher, TestPlatform.deepLinkingRequest(settings));
        return sessions.resolve(Html.sessionToken(picker.body())).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object claim) {
        return (List<Object>) claim;
    }

    /** The teacher places the course home through a deep-linking launch with these settings; returns the item the LMS got. */
    private Map<String, Object> placeCourseHome(Map<String, Object> settings) {
        Browser b = new Browser();
        HttpResponse<String> autopost = b.submit(Browser.form(platform().launch(b, teacher, TestPlatform.deepLinkingRequest(settings))));
        HttpResponse<String> atTheLms = b.submit(Browser.form(autopost));
        assertThat(atTheLms.statusCode()).as(atTheLms.body()).isEqualTo(200);
        return onlyItem(lastReturn().claims());
    }

    private static DeepLinkReturn lastReturn() {
        List<DeepLinkReturn> returns = platform().deepLinkReturns();
        assertThat(returns).isNotEmpty();
        return returns.get(returns.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyItem(JWTClaimsSet claims) {
        assertThat(claims.getClaim(DL + "content_items")).asList().hasSize(1);
        return (Map<String, Object>) ((List<Object>) claims.getClaim(DL + "content_items")).get(0);
    }

    /** The sources of one directive of the page's Content-Security-Policy. */
    private static List<String> directive(HttpResponse<String> page, String name) {
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        return Arrays.stream(csp.split(";")).map(String::strip).filter(d -> d.startsWith(name + " "))
                .flatMap(d -> Arrays.stream(d.substring(name.length()).strip().split("\\s+"))).toList();
    }

    private static Arguments refusal(String what, Consumer<Map<String, Object>> change, Rejection expected) {
        return Arguments.of(what, change, expected);
    }
}
