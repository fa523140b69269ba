package app.tandem.lti.application;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tandem's client registration request for LTI Dynamic Registration 1.0 (§3.6): OpenID client metadata plus the
 * {@code https://purl.imsglobal.org/spec/lti-tool-configuration} object, shaped for the platform that asked.
 *
 * <p>Messages are offered only when the platform's {@code messages_supported} lists them, and each with the
 * placements the platform advertises for it:
 * <ul>
 *   <li>LtiResourceLinkRequest — Canvas: {@code course_navigation} (teachers, students) and
 *       {@code account_navigation} (coordinators). Moodle advertises no placements for it and gets none.</li>
 *   <li>LtiDeepLinkingRequest — Canvas: {@code assignment_selection}, {@code link_selection},
 *       {@code editor_button}; platforms using the IMS names ({@code ContentArea}, {@code RichTextEditor}, e.g.
 *       Moodle 4.x: {@code ContentArea}) get those. Moodle only reads that the message is present (it turns on
 *       "Supports Deep Linking (Content-Item Message)") and its target_link_uri.</li>
 * </ul>
 * Canvas turns a message without placements into a link_selection placement, so when Canvas advertises none
 * Tandem still names its Canvas placements. Pure: no I/O.
 */
public final class ToolRegistrationRequest {
    public static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
    public static final String CANVAS_PRIVACY_LEVEL = "https://canvas.instructure.com/lti/privacy_level";
    static final String CANVAS_PREFIX = "https://canvas.instructure.com/lti/";

    public static final List<String> RESOURCE_LINK_PLACEMENTS = List.of("course_navigation", "account_navigation");
    public static final List<String> DEEP_LINKING_PLACEMENTS = List.of(
            "assignment_selection", "link_selection", "editor_button", "ContentArea", "RichTextEditor");
    /** IMS placement names and the Canvas placements they become (Canvas maps them the same way). */
    private static final Map<String, String> SAME_AS = Map.of("ContentArea", "link_selection", "RichTextEditor", "editor_button");
    private static final List<String> CLAIMS = List.of("iss", "sub", "name", "given_name", "family_name", "email");

    /** Tandem's URLs as the LMS needs them. */
    public record ToolUrls(String loginUrl, String launchUrl, String targetLinkUri, String jwksUrl, String iconUrl, String baseUrl) {
    }

    /** A message offered to the platform and the placements named for it (may be empty). */
    public record OfferedMessage(String type, List<String> placements) {
        @Override
        public String toString() {
            return type + placements;
        }
    }

    /** The JSON body to POST, and what it offers. */
    public record Built(Map<String, Object> body, List<OfferedMessage> messages, List<String> scopes) {
    }

    private ToolRegistrationRequest() {
    }

    public static Built build(ToolUrls tool, PlatformConfiguration platform) {
        List<String> scopes = platform.scopesSupported() == null ? ToolConfiguration.SCOPES
                : ToolConfiguration.SCOPES.stream().filter(platform.scopesSupported()::contains).toList();

        List<OfferedMessage> offered = new ArrayList<>();
        offered.add(new OfferedMessage(PlatformConfiguration.RESOURCE_LINK,
                placements(PlatformConfiguration.RESOURCE_LINK, RESOURCE_LINK_PLACEMENTS, platform)));
        if (platform.supports(PlatformConfiguration.DEEP_LINKING)) {
            offered.add(new OfferedMessage(PlatformConfiguration.DEEP_LINKING,
                    placements(PlatformConfiguration.DEEP_LINKING, DEEP_LINKING_PLACEMENTS, platform)));
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        for (OfferedMessage m : offered) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", m.type());
            message.put("target_link_uri", tool.targetLinkUri());
            message.put("label", ToolConfiguration.TITLE);
            message.put("icon_uri", tool.iconUrl());
            if (!m.placements().isEmpty()) {
                message.put("placements", m.placements());
            }
            messages.add(message);
        }

        Map<String, Object> lti = new LinkedHashMap<>();
        lti.put("domain", domain(tool.baseUrl()));
        lti.put("target_link_uri", tool.targetLinkUri());
        lti.put("description", ToolConfiguration.DESCRIPTION);
        lti.put("claims", CLAIMS);
        if (platform.isCanvas()) {
            lti.put("custom_parameters", new TreeMap<>(ToolConfiguration.CANVAS_CUSTOM_FIELDS));
            lti.put(CANVAS_PRIVACY_LEVEL, "public");
        }
        lti.put("messages", messages);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application_type", "web");
        body.put("response_types", List.of("id_token"));
        body.put("grant_types", List.of("implicit", "client_credentials"));
        body.put("initiate_login_uri", tool.loginUrl());
        body.put("redirect_uris", List.of(tool.launchUrl()));
        body.put("client_name", ToolConfiguration.TITLE);
        body.put("jwks_uri", tool.jwksUrl());
        body.put("logo_uri", tool.iconUrl());
        body.put("token_endpoint_auth_method", "private_key_jwt");
        body.put("scope", String.join(" ", scopes));
        body.put(TOOL_CONFIGURATION, lti);
        return new Built(body, List.copyOf(offered), scopes);
    }

    /**
     * The wanted placements the platform advertises for this message, in the platform's own spelling (Canvas may
     * advertise "course_navigation" or "https://canvas.instructure.com/lti/course_navigation"); an IMS name is
     * skipped when its Canvas equivalent is already chosen.
     */
    static List<String> placements(String messageType, List<String> wanted, PlatformConfiguration platform) {
        List<String> advertised = platform.messagesSupported().getOrDefault(messageType, List.of());
        List<String> chosen = new ArrayList<>();
        List<String> chosenCanonical = new ArrayList<>();
        if (advertised.isEmpty()) {
            if (platform.isCanvas()) {
                wanted.stream().filter(w -> !SAME_AS.containsKey(w)).forEach(chosen::add);
            }
            return List.copyOf(chosen);
        }
        for (String w : wanted) {
            String canonical = canonical(w);
            String equivalent = SAME_AS.getOrDefault(canonical, canonical);
            if (chosenCanonical.contains(equivalent)) {
                continue;
            }
            advertised.stream().filter(a -> canonical(a).equals(canonical)).findFirst().ifPresent(a -> {
                chosen.add(a);
                chosenCanonical.add(equivalent);
            });
        }
        return List.copyOf(chosen);
    }

    static String canonical(String placement) {
        String p = placement.strip();
        return p.startsWith(CANVAS_PREFIX) ? p.substring(CANVAS_PREFIX.length()) : p;
    }

    /** The tool's domain: host, and the port when it is not the scheme's default. */
    static String domain(String baseUrl) {
        URI uri = URI.create(baseUrl);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        return uri.getHost() + (defaultPort ? "" : ":" + port);
    }
}
