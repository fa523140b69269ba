package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformConfigurationTest {
    static final String MOODLE_URL = "https://moodle.district.org/mod/lti/openid-configuration.php";
    static final String CANVAS_URL = "https://canvas.instructure.com/api/lti/security/openid-configuration?registration_token=abc";

    static Map<String, Object> moodle() {
        return json("""
                {"issuer": "https://moodle.district.org",
                 "token_endpoint": "https://moodle.district.org/mod/lti/token.php",
                 "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                 "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
                 "jwks_uri": "https://moodle.district.org/mod/lti/certs.php",
                 "authorization_endpoint": "https://moodle.district.org/mod/lti/auth.php",
                 "registration_endpoint": "https://moodle.district.org/mod/lti/openid-registration.php",
                 "scopes_supported": ["https://purl.imsglobal.org/spec/lti-ags/scope/score",
                   "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly", "openid"],
                 "response_types_supported": ["id_token"],
                 "id_token_signing_alg_values_supported": ["RS256"],
                 "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                   "product_family_code": "moodle", "version": "4.5",
                   "messages_supported": [{"type": "LtiResourceLinkRequest"},
                                          {"type": "LtiDeepLinkingRequest", "placements": ["ContentArea"]}]}}
                """);
    }

    static Map<String, Object> canvas() {
        return json("""
                {"issuer": "https://canvas.instructure.com",
                 "authorization_endpoint": "https://sso.canvaslms.com/api/lti/authorize_redirect",
                 "registration_endpoint": "https://district.instructure.com/api/lti/registrations",
                 "jwks_uri": "https://sso.canvaslms.com/api/lti/security/jwks",
                 "token_endpoint": "https://sso.canvaslms.com/login/oauth2/token",
                 "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                 "id_token_signing_alg_values_supported": ["RS256"],
                 "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                   "product_family_code": "canvas", "version": "OpenSource",
                   "messages_supported": [
                     {"type": "LtiResourceLinkRequest", "placements": ["account_navigation", "assignment_selection",
                        "course_navigation", "link_selection", "user_navigation"]},
                     {"type": "LtiDeepLinkingRequest", "placements": ["assignment_selection", "editor_button",
                        "link_selection", "ContentArea", "RichTextEditor"]}],
                   "https://canvas.instructure.com/lti/account_domain": "District.instructure.com"}}
                """);
    }

    static Map<String, Object> json(String text) {
        try {
            return JSONObjectUtils.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    static RegistrationProblem problemOf(String url, Map<String, Object> config) {
        try {
            PlatformConfiguration.from(url, config);
        } catch (RegistrationFailedException e) {
            return e.problem();
        }
        return null;
    }

    @Test
    void readsMoodleStyleConfiguration() {
        PlatformConfiguration p = PlatformConfiguration.from(MOODLE_URL, moodle());
        assertThat(p.issuer()).isEqualTo("https://moodle.district.org");
        assertThat(p.productFamilyCode()).isEqualTo("moodle");
        assertThat(p.isCanvas()).isFalse();
        assertThat(p.messagesSupported()).containsOnlyKeys("LtiResourceLinkRequest", "LtiDeepLinkingRequest");
        assertThat(p.messagesSupported().get("LtiResourceLinkRequest")).isEmpty();
        assertThat(p.messagesSupported().get("LtiDeepLinkingRequest")).containsExactly("ContentArea");
        assertThat(p.scopesSupported()).contains("openid");
        assertThat(p.displayName()).isEqualTo("moodle 4.5 (moodle.district.org)");
    }

    @Test
    void readsCanvasStyleConfigurationWithAccountDomain() {
        PlatformConfiguration p = PlatformConfiguration.from(CANVAS_URL, canvas());
        assertThat(p.isCanvas()).isTrue();
        assertThat(p.scopesSupported()).isNull();
        assertThat(p.messagesSupported().get("LtiResourceLinkRequest")).contains("course_navigation", "account_navigation");
        assertThat(p.canvasAccountDomain()).isEqualTo("district.instructure.com");
    }

    @Test
    void readsLegacyMoodleStringMessagesAndSpacedKey() {
        Map<String, Object> legacy = with(moodle(), "https://purl.imsglobal.org/spec/lti-platform-configuration", null);
        legacy.put("https://purl.imsglobal.org/spec/lti-platform-configuration ", Map.of(
                "product_family_code", "moodle",
                "messages_supported", List.of("LtiResourceLink", "LtiDeepLinkingRequest"),
                "placements", List.of("AddContentMenu")));
        PlatformConfiguration p = PlatformConfiguration.from(MOODLE_URL, legacy);
        assertThat(p.messagesSupported()).containsOnlyKeys("LtiResourceLinkRequest", "LtiDeepLinkingRequest");
        assertThat(p.messagesSupported().get("LtiDeepLinkingRequest")).isEmpty();
    }

    @Test
    void configurationUrlMustStartWithTheIssuer() {
        assertThat(problemOf("https://other.example.org/.well-known/openid-configuration", moodle()))
                .isEqualTo(RegistrationProblem.ISSUER_MISMATCH);
        // a host that merely starts with the issuer's host is not the issuer
        assertThat(problemOf("https://moodle.district.org.evil.example/x", moodle())).isEqualTo(RegistrationProblem.ISSUER_MISMATCH);
        assertThat(problemOf("http://moodle.district.org/mod/lti/openid-configuration.php", moodle()))
                .isEqualTo(RegistrationProblem.ISSUER_MISMATCH);
        Map<String, Object> withPath = with(moodle(), "issuer", "https://moodle.district.org/site1");
        assertThat(problemOf("https://moodle.district.org/site1/mod/lti/openid-configuration.php", withPath)).isNull();
        assertThat(problemOf("https://moodle.district.org/site10/mod/lti/openid-configuration.php", withPath))
                .isEqualTo(RegistrationProblem.ISSUER_MISMATCH);
        // host case and default port do not matter
        assertThat(problemOf("https://MOODLE.district.org:443/mod/lti/openid-configuration.php", moodle())).isNull();
    }

    @Test
    void issuerMustBeHttpsExceptOnLoopback() {
        assertThat(problemOf("http://moodle.district.org/x", with(moodle(), "issuer", "http://moodle.district.org")))
                .isEqualTo(RegistrationProblem.ISSUER_NOT_HTTPS);
        assertThat(problemOf("https://moodle.district.org/x", with(moodle(), "issuer", "https://moodle.district.org?x=1")))
                .isEqualTo(RegistrationProblem.ISSUER_NOT_HTTPS);
        Map<String, Object> local = with(moodle(), "issuer", "http://127.0.0.1:8080/lms");
        for (String f : List.of("authorization_endpoint", "token_endpoint", "jwks_uri", "registration_endpoint")) {
            local.put(f, "http://127.0.0.1:8080/lms/" + f);
        }
        assertThat(problemOf("http://127.0.0.1:8080/lms/openid-configuration", local)).isNull();
    }

    @Test
    void requiredFieldsAreNamed() {
        for (String field : List.of("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "registration_endpoint",
                "https://purl.imsglobal.org/spec/lti-platform-configuration")) {
            assertThat(problemOf(MOODLE_URL, with(moodle(), field, null))).as(field).isEqualTo(RegistrationProblem.CONFIGURATION_INCOMPLETE);
        }
        assertThatThrownBy(() -> PlatformConfiguration.from(MOODLE_URL, with(moodle(), "jwks_uri", 42)))
                .isInstanceOf(RegistrationFailedException.class).hasMessageContaining("jwks_uri");
        Map<String, Object> noFamily = with(moodle(), "https://purl.imsglobal.org/spec/lti-platform-configuration",
                Map.of("messages_supported", List.of("LtiResourceLinkRequest")));
        assertThatThrownBy(() -> PlatformConfiguration.from(MOODLE_URL, noFamily)).hasMessageContaining("product_family_code");
        Map<String, Object> noMessages = with(moodle(), "https://purl.imsglobal.org/spec/lti-platform-configuration",
                Map.of("product_family_code", "moodle"));
        assertThatThrownBy(() -> PlatformConfiguration.from(MOODLE_URL, noMessages)).hasMessageContaining("messages_supported");
    }

    @Test
    void endpointsMustBeSecure() {
        assertThat(problemOf(MOODLE_URL, with(moodle(), "registration_endpoint", "http://moodle.district.org/reg")))
                .isEqualTo(RegistrationProblem.ENDPOINT_NOT_HTTPS);
        assertThat(problemOf(MOODLE_URL, with(moodle(), "jwks_uri", "ftp://moodle.district.org/certs")))
                .isEqualTo(RegistrationProblem.ENDPOINT_NOT_HTTPS);
    }

    @Test
    void privateKeyJwtAndRs256AreRequired() {
        assertThat(problemOf(MOODLE_URL, with(moodle(), "token_endpoint_auth_methods_supported", List.of("client_secret_basic"))))
                .isEqualTo(RegistrationProblem.UNSUPPORTED_AUTH_METHOD);
        assertThat(problemOf(MOODLE_URL, with(moodle(), "token_endpoint_auth_methods_supported", null)))
                .isEqualTo(RegistrationProblem.UNSUPPORTED_AUTH_METHOD);
        assertThat(problemOf(MOODLE_URL, with(moodle(), "id_token_signing_alg_values_supported", List.of("HS256"))))
                .isEqualTo(RegistrationProblem.UNSUPPORTED_SIGNING_ALGORITHM);
    }

    @Test
    void resourceLinkLaunchesAreRequired() {
        Map<String, Object> dlOnly = with(moodle(), "https://purl.imsglobal.org/spec/lti-platform-configuration",
                Map.of("product_family_code", "x", "messages_supported", List.of(Map.of("type", "LtiDeepLinkingRequest"))));
        assertThat(problemOf(MOODLE_URL, dlOnly)).isEqualTo(RegistrationProblem.NO_RESOURCE_LINK_LAUNCH);
    }

    @Test
    void detailsNeverCarryTheConfigurationUrlQuery() {
        assertThatThrownBy(() -> PlatformConfiguration.from("https://other.example.org/conf?registration_token=secret-token", canvas()))
                .isInstanceOf(RegistrationFailedException.class)
                .satisfies(e -> assertThat(((RegistrationFailedException) e).detail()).doesNotContain("secret-token"));
    }
}
