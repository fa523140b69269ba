package app.tandem.it;

import static app.tandem.it.TestPlatform.INSTRUCTOR;
import static app.tandem.it.TestPlatform.LTI;
import static app.tandem.it.TestPlatform.MENTOR;
import static app.tandem.lti.application.Rejection.*;
import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.it.TestPlatform.Person;
import app.tandem.it.TestPlatform.Section;
import app.tandem.it.TestPlatform.Token;
import app.tandem.lti.application.Rejection;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * Every reason Tandem refuses a login or a launch, produced over HTTP: a 4xx page naming the reason code, never a
 * session. Also: rejections are counted in /metrics, and a platform's key rotation is followed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RejectionsIT {
    private static final String TOOL = Deployments.toolBase();
    private static final String TOOL_ORIGIN = "http://localhost:" + Deployments.httpPort();
    private static final String DEEP_LINKING_SETTINGS_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
    private static final Set<Rejection> NOT_PRODUCIBLE_OVER_HTTP = EnumSet.of(STATE_EXPIRED); // needs a 10-minute wait
    private static TestPlatform platform;
    private static String twinIssuer;

    private final Browser browser = new Browser();
    private final Browser operator = new Browser(); // reads /metrics, so that the browser's last request stays its own
    private final Person teacher = Person.of("Ada Lovelace", Section.named("Algebra I"), INSTRUCTOR);

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void startPlatform() {
        platform = TestPlatform.start("RejectionsIT");
        twinIssuer = "https://twins-" + UUID.randomUUID() + ".example";
        for (String clientId : List.of("first", "second")) {
            AdminClient.authorized().create("/registrations", Map.of("issuer", twinIssuer, "clientId", clientId,
                    "name", "Twin " + clientId, "authEndpoint", twinIssuer + "/auth", "jwksUrl", twinIssuer + "/jwks"));
        }
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    // ---- login initiation

    static Stream<Arguments> badLogins() {
        return Stream.of(
                change("without iss", p -> p.remove("iss"), LOGIN_MISSING_PARAMETER),
                change("without login_hint", p -> p.remove("login_hint"), LOGIN_MISSING_PARAMETER),
                change("without target_link_uri", p -> p.remove("target_link_uri"), LOGIN_MISSING_PARAMETER),
                change("from an unknown issuer", p -> p.put("iss", "https://unknown.example/lms"), UNKNOWN_PLATFORM),
                change("for an unknown client_id", p -> p.put("client_id", "nobody"), UNKNOWN_PLATFORM),
                change("without client_id from an issuer with two registrations",
                        p -> { p.put("iss", twinIssuer); p.remove("client_id"); }, AMBIGUOUS_CLIENT),
                change("for an unregistered deployment", p -> p.put("lti_deployment_id", "not-registered"), UNKNOWN_DEPLOYMENT),
                change("for another host", p -> p.put("target_link_uri", "https://evil.example/tandem-it/"), TARGET_NOT_TOOL),
                change("for another app on the tool's host", p -> p.put("target_link_uri", TOOL_ORIGIN + "/other/"), TARGET_NOT_TOOL),
                change("for a path that only starts like the tool's", p -> p.put("target_link_uri", TOOL + "-evil/"), TARGET_NOT_TOOL),
                change("for a path climbing out of the tool", p -> p.put("target_link_uri", TOOL + "/../other/"), TARGET_NOT_TOOL),
                change("for a path climbing out with encoded dots", p -> p.put("target_link_uri", TOOL + "/%2e%2e/other/"), TARGET_NOT_TOOL),
                change("for the tool's host as user info", p -> p.put("target_link_uri",
                        "http://localhost:" + Deployments.httpPort() + "@evil.example/tandem-it/"), TARGET_NOT_TOOL),
                change("with an lti_message_hint too long to carry in the state", p -> p.put("lti_message_hint", "h".repeat(13_000)),
                        LOGIN_PARAMETERS_TOO_LONG));
    }

    @ParameterizedTest(name = "login {0}")
    @MethodSource("badLogins")
    void refusesTheLogin(String what, Consumer<Map<String, String>> change, Rejection expected) {
        Map<String, String> params = platform.loginParameters(teacher);
        change.accept(params);

        assertRejected(expected, () -> browser.get(TestPlatform.loginUrl(params)));
    }

    @Test
    void aLoginTandemAcceptsCanFinishEvenWithLongHints() {
        Map<String, String> params = platform.loginParameters(teacher);
        params.put("lti_message_hint", "h".repeat(3000));
        HttpResponse<String> login = browser.get(TestPlatform.loginUrl(params));

        // Refusing such a login is consistent, and so is finishing it; issuing a state the launch then refuses is not.
        if (login.statusCode() != 302) {
            assertThat(Html.testId(login.body(), "rejection-code")).isNotBlank();
            return;
        }
        assertThat(browser.submit(platform.authenticate(browser, login)).statusCode()).isEqualTo(200);
    }

    // ---- the launch POST (state and transport)

    static Stream<Arguments> badLaunchPosts() {
        return Stream.of(
                change("without id_token", f -> f.remove("id_token"), MISSING_ID_TOKEN),
                change("with an id_token over 64 KB", f -> f.put("id_token", "a".repeat(65 * 1024)), TOKEN_TOO_LARGE),
                change("with an id_token that is no JWT", f -> f.put("id_token", "not-a-jwt"), MALFORMED_TOKEN),
                change("without state", f -> f.remove("state"), MISSING_STATE),
                change("with a state that is no token", f -> f.put("state", "garbage"), INVALID_STATE),
                change("with a state whose nonce was changed", f -> f.put("state", withNonce(f.get("state"), "mine")), INVALID_STATE));
    }

    @ParameterizedTest(name = "launch {0}")
    @MethodSource("badLaunchPosts")
    void refusesTheLaunchPost(String what, Consumer<Map<String, String>> change, Rejection expected) {
        Browser.Form launch = platform.authenticate(browser, teacher);
        change.accept(launch.fields());

        assertRejected(expected, () -> browser.submit(launch));
    }

    @Test
    void offersANewWindowWhenTheBrowserDidNotKeepTheStateCookie() {
        Browser.Form launch = platform.authenticate(browser, teacher);
        browser.forgetCookies();

        HttpResponse<String> page = assertRejected(STATE_NOT_IN_BROWSER, () -> browser.submit(launch));

        Matcher link = Pattern.compile("<a [^>]*href=\"([^\"]+)\"[^>]*>Open Tandem in a new window</a>").matcher(page.body());
        assertThat(link.find()).as("link to open Tandem in a new window").isTrue();
        String retry = link.group(1).replace("&amp;", "&");
        assertThat(retry).startsWith(TOOL + "/lti/login?");
        Browser topLevel = new Browser();
        assertThat(topLevel.submit(platform.authenticate(topLevel, topLevel.get(retry))).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesTheSameLaunchPostedTwice() {
        assertThat(platform.launch(browser, teacher).statusCode()).isEqualTo(200);

        assertRejected(NONCE_REUSED, browser::replayLast);
    }

    @Test
    void refusesALaunchWhoseRegistrationWasRemovedDuringTheLogin() {
        try (TestPlatform removed = TestPlatform.start("RejectionsIT-removed")) {
            Browser.Form launch = removed.authenticate(browser, teacher);
            AdminClient.authorized().send("DELETE", "/registrations/" + removed.registrationId(), (String) null);

            assertRejected(UNKNOWN_PLATFORM, () -> browser.submit(launch));
        }
    }

    // ---- the id_token

    static Stream<Arguments> badTokens() {
        return Stream.of(
                token("unsigned (alg none)", Token::unsigned, UNSUPPORTED_ALGORITHM),
                token("signed with HS256", t -> t.signWith(JWSAlgorithm.HS256, hmacSigner()), UNSUPPORTED_ALGORITHM),
                token("with a critical header", t -> t.critical("https://example.com/must-understand"), CRITICAL_HEADER),
                token("signed with a key the platform does not publish", t -> t.signWith(TestPlatform.newKey("unpublished")), UNKNOWN_KEY),
                token("signed with another key under the published kid", t -> t.signWith(TestPlatform.newKey(t.keyId())), BAD_SIGNATURE),
                claims("from another issuer", c -> c.issuer("https://other.example/lms"), ISSUER_MISMATCH),
                claims("for another audience", c -> c.audience("another-tool"), AUDIENCE_MISMATCH),
                claims("for two audiences without azp", c -> c.audience(List.of(platform.clientId(), "another-tool")), AZP_MISSING),
                claims("authorized for another party", c -> c.claim("azp", "another-tool"), AZP_MISMATCH),
                claims("without exp", c -> c.expirationTime(null), MISSING_EXP),
                claims("expired", c -> c.issueTime(minutesFromNow(-10)).expirationTime(minutesFromNow(-5)), EXPIRED),
                claims("without iat", c -> c.issueTime(null), MISSING_IAT),
                claims("issued in the future", c -> c.issueTime(minutesFromNow(5)), ISSUED_IN_FUTURE),
                claims("not valid before the future", c -> c.notBeforeTime(minutesFromNow(5)), NOT_YET_VALID),
                claims("with another nonce", c -> c.claim("nonce", "another-nonce"), NONCE_MISMATCH),
                claims("of LTI 1.1", c -> c.claim(LTI + "version", "1.1.0"), WRONG_VERSION),
                claims("of an unsupported message type", c -> c.claim(LTI + "message_type", "LtiSubmissionReviewRequest"), UNSUPPORTED_MESSAGE_TYPE),
                claims("without deployment_id", c -> c.claim(LTI + "deployment_id", null), MISSING_DEPLOYMENT),
                claims("for an unregistered deployment", c -> c.claim(LTI + "deployment_id", "not-registered"), UNKNOWN_DEPLOYMENT),
                claims("with roles as a string", c -> c.claim(LTI + "roles", INSTRUCTOR), ROLES_NOT_ARRAY),
                claims("without resource_link", c -> c.claim(LTI + "resource_link", null), MISSING_RESOURCE_LINK),
                claims("asking for deep linking without its settings", c -> c.claim(LTI + "message_type", "LtiDeepLinkingRequest"), DEEP_LINKING_SETTINGS),
                claims("asking for deep linking of files only", c -> c.claim(LTI + "message_type", "LtiDeepLinkingRequest")
                        .claim(DEEP_LINKING_SETTINGS_CLAIM, Map.of("deep_link_return_url", platform.origin() + "/return", "accept_types", List.of("file"))),
                        DEEP_LINKING_TYPES),
                claims("without sub", c -> c.subject(null), MISSING_SUBJECT),
                claims("with a 256-character sub", c -> c.subject("s".repeat(256)), SUBJECT_TOO_LONG),
                claims("of a teacher without context", c -> c.claim(LTI + "context", null), MISSING_CONTEXT),
                claims("of a mentor only", c -> c.claim(LTI + "roles", List.of(MENTOR)), NO_TANDEM_ROLE),
                claims("targeting another host", c -> c.claim(LTI + "target_link_uri", "https://evil.example/"), TARGET_NOT_TOOL));
    }

    @ParameterizedTest(name = "id_token {0}")
    @MethodSource("badTokens")
    void refusesTheIdToken(String what, Consumer<Token> change, Rejection expected) {
        assertRejected(expected, () -> platform.launch(browser, teacher, change));
    }

    // ---- the platform's keys

    @Test
    void refusesWhenThePlatformKeysCannotBeFetched() {
        try (TestPlatform down = TestPlatform.start("RejectionsIT-jwks-down")) {
            down.jwksAvailable(false);

            assertRejected(JWKS_UNAVAILABLE, () -> down.launch(browser, teacher));
        }
    }

    @Test
    void followsThePlatformKeyRotationAtTheNextLaunch() {
        try (TestPlatform rotating = TestPlatform.start("RejectionsIT-rotation")) {
            assertThat(rotating.launch(new Browser(), teacher).statusCode()).isEqualTo(200);

            RSAKey previous = rotating.rotateKey();
            rotating.dropKey(previous);

            assertThat(rotating.launch(new Browser(), teacher).statusCode()).isEqualTo(200);
            assertRejected(UNKNOWN_KEY, () -> rotating.launch(new Browser(), teacher, t -> t.signWith(previous)));
        }
    }

    // ---- the metrics, the coverage

    @Test
    void countsRejectionsByReasonAndStage() {
        Map<String, String> params = platform.loginParameters(teacher);
        params.put("lti_deployment_id", "not-registered");
        double atLogin = rejectionsCounted(UNKNOWN_DEPLOYMENT, "login");
        double atLaunch = rejectionsCounted(UNKNOWN_DEPLOYMENT, "launch");

        browser.get(TestPlatform.loginUrl(params));
        platform.launch(browser, teacher, t -> t.claims().claim(LTI + "deployment_id", "not-registered"));

        assertThat(rejectionsCounted(UNKNOWN_DEPLOYMENT, "login")).isEqualTo(atLogin + 1);
        assertThat(rejectionsCounted(UNKNOWN_DEPLOYMENT, "launch")).isEqualTo(atLaunch + 1);
    }

    @Test
    void everyRejectionThatHttpCanProduceIsCoveredHere() {
        Set<Rejection> covered = Stream.of(badLogins(), badLaunchPosts(), badTokens()).flatMap(s -> s)
                .map(a -> (Rejection) a.get()[2]).collect(Collectors.toCollection(() -> EnumSet.noneOf(Rejection.class)));
        covered.addAll(EnumSet.of(STATE_NOT_IN_BROWSER, NONCE_REUSED, JWKS_UNAVAILABLE)); // the tests above

        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).isEqualTo(NOT_PRODUCIBLE_OVER_HTTP);
    }

    /**
     * Makes the request and checks it was refused for this reason: counted under it in /metrics, a 4xx page naming
     * it, nothing that could open a session.
     */
    private HttpResponse<String> assertRejected(Rejection expected, Supplier<HttpResponse<String>> request) {
        double before = rejectionsCounted(expected, null);
        HttpResponse<String> page = request.get();
        String code = Html.testId(page.body(), "rejection-code");

        assertThat(page.statusCode()).as("HTTP status (reason code on the page: %s)", code).isEqualTo(expected.status()).isBetween(400, 499);
        assertThat(rejectionsCounted(expected, null)).as("rejections counted as " + expected.code()).isEqualTo(before + 1);
        assertThat(page.body()).doesNotContain("X-Tandem-Session");
        assertThat(page.headers().firstValue("X-Tandem-Session")).isEmpty();
        assertThat(code).isEqualTo(expected.code());
        return page;
    }

    /** The tandem_lti_rejections_total counters of a reason, of one stage or (null) all. */
    private double rejectionsCounted(Rejection reason, String stage) {
        String metrics = operator.get(TOOL_ORIGIN + "/metrics?scope=application").body();
        Matcher line = Pattern.compile("^tandem_lti_rejections_total\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE).matcher(metrics);
        double count = 0;
        while (line.find()) {
            if (line.group(1).contains("reason=\"" + reason.code() + "\"")
                    && (stage == null || line.group(1).contains("stage=\"" + stage + "\""))) {
                count += Double.parseDouble(line.group(2));
            }
        }
        return count;
    }

    private static Arguments change(String what, Consumer<Map<String, String>> change, Rejection expected) {
        return Arguments.of(what, change, expected);
    }

    private static Arguments token(String what, Consumer<Token> change, Rejection expected) {
        return Arguments.of(what, change, expected);
    }

    private static Arguments claims(String what, Consumer<JWTClaimsSet.Builder> change, Rejection expected) {
        return token(what, t -> change.accept(t.claims()), expected);
    }

    private static Date minutesFromNow(int minutes) {
        return Date.from(Instant.now().plus(Duration.ofMinutes(minutes)));
    }

    private static MACSigner hmacSigner() {
        try {
            return new MACSigner("a shared secret of at least 256 bits".getBytes());
        } catch (KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The state token with its nonce replaced and its signature kept, as someone tampering with it would. */
    private static String withNonce(String state, String nonce) {
        String[] parts = state.split("\\.");
        try {
            Map<String, Object> payload = JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString());
            payload.put("nonce", nonce);
            return parts[0] + "." + Base64URL.encode(JSONObjectUtils.toJSONString(payload)) + "." + parts[2];
        } catch (ParseException e) {
            throw new AssertionError("state is not a JWT: " + state, e);
        }
    }
}
