package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolRegistrationRequestTest {
    static final ToolRegistrationRequest.ToolUrls TOOL = new ToolRegistrationRequest.ToolUrls(
            "https://tandem.district.org/lti/login", "https://tandem.district.org/lti/launch",
            "https://tandem.district.org/app/home", "https://tandem.district.org/.well-known/jwks.json",
            "https://tandem.district.org/static/tandem-icon.svg", "https://tandem.district.org");

    static ToolRegistrationRequest.Built build(Map<String, Object> config, String url) {
        return ToolRegistrationRequest.build(TOOL, PlatformConfiguration.from(url, config));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> lti(ToolRegistrationRequest.Built built) {
        return (Map<String, Object>) built.body().get(ToolRegistrationRequest.TOOL_CONFIGURATION);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> message(ToolRegistrationRequest.Built built, String type) {
        return ((List<Map<String, Object>>) lti(built).get("messages")).stream()
                .filter(m -> type.equals(m.get("type"))).findFirst().orElse(null);
    }

    @Test
    void clientMetadataAsTheSpecAsks() {
        Map<String, Object> body = build(PlatformConfigurationTest.moodle(), PlatformConfigurationTest.MOODLE_URL).body();
        assertThat(body).containsEntry("application_type", "web")
                .containsEntry("client_name", "Tandem")
                .containsEntry("response_types", List.of("id_token"))
                .containsEntry("grant_types", List.of("implicit", "client_credentials"))
                .containsEntry("initiate_login_uri", TOOL.loginUrl())
                .containsEntry("redirect_uris", List.of(TOOL.launchUrl()))
                .containsEntry("jwks_uri", TOOL.jwksUrl())
                .containsEntry("logo_uri", TOOL.iconUrl())
                .containsEntry("token_endpoint_auth_method", "private_key_jwt");
        // serialisable as JSON, and readable back
        assertThat(JSONObjectUtils.toJSONString(body)).contains("\"client_name\":\"Tandem\"");
    }

    @Test
    void moodleStyle_noPlacementsForLaunches_contentAreaForDeepLinking_noCanvasExtensions() {
        ToolRegistrationRequest.Built built = build(PlatformConfigurationTest.moodle(), PlatformConfigurationTest.MOODLE_URL);
        Map<String, Object> lti = lti(built);
        assertThat(lti).containsEntry("domain", "tandem.district.org")
                .containsEntry("target_link_uri", TOOL.targetLinkUri())
                .containsEntry("description", ToolConfiguration.DESCRIPTION)
                .containsEntry("claims", List.of("iss", "sub", "name", "given_name", "family_name", "email"))
                .doesNotContainKey(ToolRegistrationRequest.CANVAS_PRIVACY_LEVEL)
                .doesNotContainKey("custom_parameters");
        assertThat(message(built, "LtiResourceLinkRequest")).doesNotContainKey("placements")
                .containsEntry("target_link_uri", TOOL.targetLinkUri()).containsEntry("label", "Tandem");
        assertThat(message(built, "LtiDeepLinkingRequest")).containsEntry("placements", List.of("ContentArea"));
        // scopes: Tandem's, filtered by scopes_supported
        assertThat(built.scopes()).containsExactly(ToolConfiguration.SCOPE_SCORE, ToolConfiguration.SCOPE_NRPS);
        assertThat(built.body()).containsEntry("scope", ToolConfiguration.SCOPE_SCORE + " " + ToolConfiguration.SCOPE_NRPS);
    }

    @Test
    void canvasStyle_navigationAndSelectionPlacements_privacyAndCustomFields() {
        ToolRegistrationRequest.Built built = build(PlatformConfigurationTest.canvas(), PlatformConfigurationTest.CANVAS_URL);
        assertThat(message(built, "LtiResourceLinkRequest"))
                .containsEntry("placements", List.of("course_navigation", "account_navigation"));
        // ContentArea and RichTextEditor are Canvas's link_selection and editor_button: not offered twice
        assertThat(message(built, "LtiDeepLinkingRequest"))
                .containsEntry("placements", List.of("assignment_selection", "link_selection", "editor_button"));
        assertThat(lti(built)).containsEntry(ToolRegistrationRequest.CANVAS_PRIVACY_LEVEL, "public")
                .containsEntry("custom_parameters", new java.util.TreeMap<>(ToolConfiguration.CANVAS_CUSTOM_FIELDS));
        // no scopes_supported: every Tandem scope is asked for
        assertThat(built.scopes()).isEqualTo(ToolConfiguration.SCOPES);
    }

    @Test
    void canvasPrefixedPlacementsAreEchoedInThePlatformsSpelling() {
        Map<String, Object> config = new LinkedHashMap<>(PlatformConfigurationTest.canvas());
        config.put("https://purl.imsglobal.org/spec/lti-platform-configuration", Map.of(
                "product_family_code", "canvas",
                "messages_supported", List.of(Map.of("type", "LtiResourceLinkRequest",
                        "placements", List.of("https://canvas.instructure.com/lti/course_navigation")))));
        ToolRegistrationRequest.Built built = build(config, PlatformConfigurationTest.CANVAS_URL);
        assertThat(message(built, "LtiResourceLinkRequest"))
                .containsEntry("placements", List.of("https://canvas.instructure.com/lti/course_navigation"));
        assertThat(message(built, "LtiDeepLinkingRequest")).isNull();
    }

    @Test
    void canvasWithoutAdvertisedPlacementsStillGetsCanvasPlacements() {
        Map<String, Object> config = new LinkedHashMap<>(PlatformConfigurationTest.canvas());
        config.put("https://purl.imsglobal.org/spec/lti-platform-configuration", Map.of(
                "product_family_code", "canvas",
                "messages_supported", List.of("LtiResourceLinkRequest", "LtiDeepLinkingRequest")));
        ToolRegistrationRequest.Built built = build(config, PlatformConfigurationTest.CANVAS_URL);
        assertThat(message(built, "LtiResourceLinkRequest")).containsEntry("placements", List.of("course_navigation", "account_navigation"));
        assertThat(message(built, "LtiDeepLinkingRequest"))
                .containsEntry("placements", List.of("assignment_selection", "link_selection", "editor_button"));
    }

    @Test
    void deepLinkingOnlyWhenSupported() {
        Map<String, Object> config = new LinkedHashMap<>(PlatformConfigurationTest.moodle());
        config.put("https://purl.imsglobal.org/spec/lti-platform-configuration", Map.of(
                "product_family_code", "sakai", "messages_supported", List.of(Map.of("type", "LtiResourceLinkRequest"))));
        ToolRegistrationRequest.Built built = build(config, PlatformConfigurationTest.MOODLE_URL);
        assertThat(built.messages()).extracting(ToolRegistrationRequest.OfferedMessage::type).containsExactly("LtiResourceLinkRequest");
    }

    @Test
    void domainKeepsANonDefaultPort() {
        assertThat(ToolRegistrationRequest.domain("http://localhost:9080/tandem")).isEqualTo("localhost:9080");
        assertThat(ToolRegistrationRequest.domain("https://tandem.district.org:443")).isEqualTo("tandem.district.org");
    }
}
