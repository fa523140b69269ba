package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.TestSettings;
import app.tandem.lti.domain.DeploymentEntity;
import app.tandem.lti.domain.PlatformRegistrationEntity;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoginInitiationTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String BASE = "https://tool.example/tandem-it";
    private static final String ISSUER = "https://lms.example.edu";
    private static final String AUTH = "https://lms.example.edu/api/lti/authorize_redirect";
    private static final String TARGET = BASE + "/lti/launch";

    private final FakeRegistrations registrations = new FakeRegistrations();
    private final StateTokens stateTokens = TestToolKeys.stateTokens(TestToolKeys.newStateKey());
    private final LoginInitiation login = new LoginInitiation();

    /** The few lookups LoginInitiation makes, over a list instead of the database. */
    static final class FakeRegistrations extends RegistrationService {
        final List<PlatformRegistrationEntity> registrations = new ArrayList<>();
        final List<DeploymentEntity> deployments = new ArrayList<>();

        PlatformRegistrationEntity add(String id, String issuer, String clientId, String authEndpoint) {
            PlatformRegistrationEntity r = new PlatformRegistrationEntity();
            r.id = id;
            r.issuer = issuer;
            r.clientId = clientId;
            r.authEndpoint = authEndpoint;
            r.jwksUrl = issuer + "/jwks";
            registrations.add(r);
            return r;
        }

        void addDeployment(String registrationId, String deploymentId) {
            DeploymentEntity d = new DeploymentEntity();
            d.id = "row-" + deploymentId;
            d.registrationId = registrationId;
            d.deploymentId = deploymentId;
            d.districtId = "district-1";
            deployments.add(d);
        }

        @Override
        public Optional<PlatformRegistrationEntity> findEntity(String issuer, String clientId) {
            return registrations.stream().filter(r -> r.issuer.equals(issuer) && r.clientId.equals(clientId)).findFirst();
        }

        @Override
        public List<PlatformRegistrationEntity> byIssuer(String issuer) {
            return registrations.stream().filter(r -> r.issuer.equals(issuer)).limit(2).toList();
        }

        @Override
        public Optional<DeploymentEntity> deployment(String registrationId, String deploymentId) {
            return deployments.stream()
                    .filter(d -> d.registrationId.equals(registrationId) && d.deploymentId.equals(deploymentId)).findFirst();
        }
    }

    @BeforeEach
    void wire() {
        login.registrations = registrations;
        login.stateTokens = stateTokens;
        login.settings = TestSettings.withBaseUrl(BASE);
        login.adoption = new DeploymentAdoption() {
            @Override
            public boolean adopts(String registrationId) {
                return false; // no dynamic registration awaiting its first deployment
            }
        };
        registrations.add("reg-1", ISSUER, "client-1", AUTH);
        registrations.addDeployment("reg-1", "dep-1");
    }

    private static LoginInitiation.LoginRequest request(String issuer, String loginHint, String target, String messageHint,
                                                        String clientId, String deploymentId) {
        return new LoginInitiation.LoginRequest(issuer, loginHint, target, messageHint, clientId, deploymentId);
    }

    private static LoginInitiation.LoginRequest request(String target) {
        return request(ISSUER, "hint-1", target, "msg-1", "client-1", "dep-1");
    }

    private void assertRejected(LoginInitiation.LoginRequest request, Rejection reason) {
        assertThatThrownBy(() -> login.start(request, NOW))
                .isInstanceOfSatisfying(LaunchRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** The query parameters of a URL, decoded, in order. */
    private static Map<String, String> query(String url) {
        assertThat(url).contains("?");
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            assertThat(params).as("parameter %s once", name).doesNotContainKey(name);
            params.put(name, kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    @Test
    void redirectsToThePlatformWithAnOidcAuthenticationRequest() {
        LoginInitiation.LoginRedirect redirect = login.start(request(TARGET), NOW);

        assertThat(redirect.location()).startsWith(AUTH + "?");
        Map<String, String> q = query(redirect.location());
        assertThat(q).containsOnlyKeys("scope", "response_type", "response_mode", "prompt", "client_id", "redirect_uri",
                "login_hint", "lti_message_hint", "state", "nonce");
        assertThat(q).containsEntry("scope", "openid")
                .containsEntry("response_type", "id_token")
                .containsEntry("response_mode", "form_post")
                .containsEntry("prompt", "none")
                .containsEntry("client_id", "client-1")
                .containsEntry("redirect_uri", BASE + "/lti/launch")
                .containsEntry("login_hint", "hint-1")
                .containsEntry("lti_message_hint", "msg-1");
        assertThat(q.get("state")).isEqualTo(redirect.state());
        assertThat(redirect.registrationId()).isEqualTo("reg-1");
    }

    @Test
    void stateIsSignedAndCarriesTheNonceAndTheLogin() {
        LoginInitiation.LoginRedirect redirect = login.start(request(TARGET), NOW);
        Map<String, String> q = query(redirect.location());

        StateTokens.LoginState state = stateTokens.verify(q.get("state"), NOW);
        assertThat(state.id()).isEqualTo(redirect.stateId());
        assertThat(state.nonce()).isEqualTo(q.get("nonce")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(state.registrationId()).isEqualTo("reg-1");
        assertThat(state.issuer()).isEqualTo(ISSUER);
        assertThat(state.clientId()).isEqualTo("client-1");
        assertThat(state.deploymentId()).isEqualTo("dep-1");
        assertThat(state.targetLinkUri()).isEqualTo(TARGET);
        assertThat(state.loginHint()).isEqualTo("hint-1");
        assertThat(state.messageHint()).isEqualTo("msg-1");
        assertThat(state.expiresAt()).isEqualTo(NOW.plus(StateTokens.LIFETIME));
    }

    @Test
    void everyLoginHasItsOwnStateAndNonce() {
        Map<String, String> a = query(login.start(request(TARGET), NOW).location());
        Map<String, String> b = query(login.start(request(TARGET), NOW).location());
        assertThat(a.get("state")).isNotEqualTo(b.get("state"));
        assertThat(a.get("nonce")).isNotEqualTo(b.get("nonce"));
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, BASE + "/", BASE + "/deep/link?redirect_uri=https://evil.example/steal",
            BASE + "/lti/launch#https://evil.example"})
    void redirectUriIsTheToolsLaunchUrlWhateverTheTarget(String target) {
        assertThat(query(login.start(request(target), NOW).location()))
                .containsEntry("redirect_uri", BASE + "/lti/launch");
    }

    @Test
    void redirectUriComesFromTheBaseUrlWithoutItsTrailingSlash() {
        login.settings = TestSettings.withBaseUrl(BASE + "/");
        assertThat(query(login.start(request(TARGET), NOW).location()))
                .containsEntry("redirect_uri", BASE + "/lti/launch");
    }

    @Test
    void noMessageHintNoDeploymentId() {
        LoginInitiation.LoginRedirect redirect = login.start(request(ISSUER, "hint-1", TARGET, null, "client-1", null), NOW);
        assertThat(query(redirect.location())).doesNotContainKey("lti_message_hint");
        assertThat(stateTokens.verify(redirect.state(), NOW).deploymentId()).isNull();
    }

    @Test
    void authEndpointWithAQueryGetsTheParametersAppended() {
        registrations.add("reg-2", "https://moodle.example.edu", "client-2", "https://moodle.example.edu/mod/lti/auth.php?x=1");
        String location = login.start(request("https://moodle.example.edu", "hint-1", TARGET, null, null, null), NOW).location();
        assertThat(location).startsWith("https://moodle.example.edu/mod/lti/auth.php?x=1&scope=openid&");
        assertThat(query(location)).containsEntry("x", "1").containsEntry("client_id", "client-2");
    }

    @Test
    void parametersAreUrlEncoded() {
        String hint = "a&b=c d/é?#";
        String location = login.start(request(ISSUER, hint, TARGET, "m&n", "client-1", null), NOW).location();
        assertThat(location).doesNotContain("a&b=c");
        assertThat(query(location)).containsEntry("login_hint", hint).containsEntry("lti_message_hint", "m&n");
    }

    @ParameterizedTest(name = "iss={0} login_hint={1} target_link_uri={2}")
    @CsvSource(value = {
            "NULL, hint-1, " + TARGET,
            "'', hint-1, " + TARGET,
            ISSUER + ", NULL, " + TARGET,
            ISSUER + ", ' ', " + TARGET,
            ISSUER + ", hint-1, NULL",
            ISSUER + ", hint-1, ''",
            "NULL, NULL, NULL",
    }, nullValues = "NULL")
    void missingParameters(String issuer, String loginHint, String target) {
        assertRejected(request(issuer, loginHint, target, null, null, null), Rejection.LOGIN_MISSING_PARAMETER);
    }

    @Test
    void unknownPlatformWithClientId() {
        assertRejected(request("https://unknown-lms.example.edu", "hint-1", TARGET, null, "client-1", null), Rejection.UNKNOWN_PLATFORM);
        assertRejected(request(ISSUER, "hint-1", TARGET, null, "unknown-client", null), Rejection.UNKNOWN_PLATFORM);
    }

    @Test
    void unknownPlatformWithoutClientId() {
        assertRejected(request("https://unknown-lms.example.edu", "hint-1", TARGET, null, null, null), Rejection.UNKNOWN_PLATFORM);
    }

    @Test
    void oneRegistrationOfTheIssuerNeedsNoClientId() {
        assertThat(query(login.start(request(ISSUER, "hint-1", TARGET, null, null, null), NOW).location()))
                .containsEntry("client_id", "client-1");
    }

    @Test
    void ambiguousClient() {
        registrations.add("reg-3", ISSUER, "client-3", AUTH);
        assertRejected(request(ISSUER, "hint-1", TARGET, null, null, null), Rejection.AMBIGUOUS_CLIENT);
    }

    @Test
    void clientIdChoosesAmongSeveralRegistrationsOfTheIssuer() {
        registrations.add("reg-3", ISSUER, "client-3", AUTH);
        LoginInitiation.LoginRedirect redirect = login.start(request(ISSUER, "hint-1", TARGET, null, "client-3", null), NOW);
        assertThat(redirect.registrationId()).isEqualTo("reg-3");
        assertThat(query(redirect.location())).containsEntry("client_id", "client-3");
    }

    @Test
    void unknownDeployment() {
        assertRejected(request(ISSUER, "hint-1", TARGET, null, "client-1", "dep-unknown"), Rejection.UNKNOWN_DEPLOYMENT);
    }

    @Test
    void deploymentOfAnotherRegistrationIsUnknown() {
        registrations.add("reg-3", ISSUER, "client-3", AUTH);
        registrations.addDeployment("reg-3", "dep-3");
        assertRejected(request(ISSUER, "hint-1", TARGET, null, "client-1", "dep-3"), Rejection.UNKNOWN_DEPLOYMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://evil.example/tandem-it/lti/launch",
            "https://tool.example/tandem-itx",
            "https://tool.example/tandem-itx/lti/launch",
            BASE + "/../evil",
            "https://tool.example:8443/tandem-it/lti/launch",
            "http://tool.example/tandem-it/lti/launch",
            "https://tool.example@evil.example/tandem-it/lti/launch",
            "/tandem-it/lti/launch",
            "javascript:alert(1)",
    })
    void targetOutsideTheTool(String target) {
        assertRejected(request(target), Rejection.TARGET_NOT_TOOL);
    }

    @Test
    void newWindowUrlRestartsTheLoginAtTheTool() {
        StateTokens.LoginState state = stateTokens.newState("reg-1", ISSUER, "client-1", "dep-1", TARGET, "hint-1", "msg-1", NOW);
        String url = login.newWindowUrl(state);
        assertThat(url).startsWith(BASE + "/lti/login?");
        assertThat(query(url)).isEqualTo(Map.of(
                "iss", ISSUER, "client_id", "client-1", "login_hint", "hint-1", "target_link_uri", TARGET,
                "lti_message_hint", "msg-1", "lti_deployment_id", "dep-1"));
    }

    @Test
    void newWindowUrlLeavesOutAbsentHints() {
        StateTokens.LoginState state = stateTokens.newState("reg-1", ISSUER, "client-1", null, TARGET, "hint-1", null, NOW);
        assertThat(query(login.newWindowUrl(state))).containsOnlyKeys("iss", "client_id", "login_hint", "target_link_uri");
    }
}
