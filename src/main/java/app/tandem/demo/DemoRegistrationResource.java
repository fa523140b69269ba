package app.tandem.demo;

import app.tandem.common.Templates;
import app.tandem.lti.api.RegistrationLinkIssuer;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo LMS registers Tandem with LTI Dynamic Registration, as Canvas or Moodle would: its admin page opens
 * Tandem's registration URL in an iframe with {@code openid_configuration} (this platform's OpenID configuration
 * in the chosen style) and a {@code registration_token}; Tandem reads the configuration and POSTs its registration
 * to {@code /demo/dr/register}, which checks the token and the tool's metadata and answers with a new client_id and
 * deployment_id. The page listens for Tandem's {@code org.imsglobal.lti.close} message.
 */
@Path("demo/dr")
@RequestScoped
public class DemoRegistrationResource {
    /** The LTI Advantage scopes this demo platform offers (a platform's own list, not the tool's). */
    private static final List<String> SUPPORTED_SCOPES = List.of(
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
            "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
            "https://purl.imsglobal.org/spec/lti-ags/scope/score",
            "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");

    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");
    static final List<String> STYLES = List.of("canvas", "moodle");

    @Inject
    DemoPlatform platform;

    @Inject
    DemoRegistrations registrations;

    @Inject
    RegistrationLinkIssuer links;

    @Context
    HttpServletRequest request;

    /** Lists Tandem's dynamic registrations; with {@code style}, starts a new one in an iframe. */
    @GET
    public Response page(@QueryParam("style") String style) {
        if (!platform.enabled()) {
            return problem(404, "The demo LMS is turned off on this server (TANDEM_DEMO=false).");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("ctx", request.getContextPath());
        model.put("clients", registrations.clients());
        model.put("style", null);
        model.put("registrationUrl", null);
        model.put("toolOrigin", origin(platform.toolUrl("/")));
        if (style != null) {
            if (!STYLES.contains(style)) {
                return problem(400, "Choose the style canvas or moodle.");
            }
            Instant now = Instant.now();
            RegistrationLinkIssuer.IssuedLink link = links.issue(DemoData.DISTRICT_ID, "Demo LMS (" + style + " style)");
            String url = link.url()
                    + "&openid_configuration=" + URLEncoder.encode(configurationUrl(style), StandardCharsets.UTF_8)
                    + "&registration_token=" + URLEncoder.encode(registrations.newRegistrationToken(now), StandardCharsets.UTF_8);
            model.put("style", style);
            model.put("registrationUrl", url);
        }
        return Response.ok(Templates.render("demo/register.jte", model), HTML)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; frame-src "
                        + origin(platform.toolUrl("/")) + "; frame-ancestors 'none'")
                .build();
    }

    /** This platform's OpenID configuration, shaped like Canvas's or Moodle's. */
    @GET
    @Path("openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response configuration(@QueryParam("style") String style) {
        if (!platform.enabled() || !STYLES.contains(style)) {
            return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE).entity("{\"error\":\"not_found\"}").build();
        }
        Map<String, Object> lti = new LinkedHashMap<>();
        if (style.equals("moodle")) {
            lti.put("product_family_code", "moodle");
            lti.put("version", "4.5 (demo)");
            lti.put("messages_supported", List.of(
                    Map.of("type", "LtiResourceLinkRequest"),
                    Map.of("type", "LtiDeepLinkingRequest", "placements", List.of("ContentArea"))));
            lti.put("variables", List.of("Context.id", "CourseSection.title", "ResourceLink.id"));
        } else {
            lti.put("product_family_code", "canvas");
            lti.put("version", "demo");
            lti.put("messages_supported", List.of(
                    Map.of("type", "LtiResourceLinkRequest", "placements", List.of("account_navigation", "assignment_selection",
                            "course_navigation", "global_navigation", "link_selection", "user_navigation")),
                    Map.of("type", "LtiDeepLinkingRequest", "placements", List.of("assignment_selection", "editor_button",
                            "link_selection", "migration_selection", "ContentArea", "RichTextEditor"))));
            lti.put("variables", List.of("Canvas.course.id", "Canvas.account.id"));
            lti.put("https://canvas.instructure.com/lti/account_name", DemoData.DISTRICT_NAME);
        }
        List<String> scopes = new ArrayList<>(List.of("openid"));
        scopes.addAll(SUPPORTED_SCOPES);
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("issuer", platform.issuer());
        conf.put("authorization_endpoint", platform.url("/demo/auth"));
        conf.put("token_endpoint", platform.url("/demo/token"));
        conf.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        conf.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
        conf.put("jwks_uri", platform.url("/demo/jwks"));
        conf.put("registration_endpoint", platform.url("/demo/dr/register?style=" + style));
        conf.put("scopes_supported", scopes);
        conf.put("response_types_supported", List.of("id_token"));
        conf.put("subject_types_supported", List.of("public"));
        conf.put("id_token_signing_alg_values_supported", List.of("RS256"));
        conf.put("claims_supported", List.of("sub", "iss", "name", "given_name", "family_name", "email"));
        conf.put("https://purl.imsglobal.org/spec/lti-platform-configuration", lti);
        return Response.ok(JSONObjectUtils.toJSONString(conf)).header("Cache-Control", "no-store").build();
    }

    /**
     * The registration endpoint: bearer registration token (single use), then the tool's metadata checked as a
     * platform must (RFC 7591 errors otherwise); answers with a new client_id and the deployment_id.
     */
    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(@QueryParam("style") String style, @HeaderParam("Authorization") String authorization, String body) {
        if (!platform.enabled() || !STYLES.contains(style)) {
            return error(404, "not_found", "no registration endpoint here");
        }
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        if (!registrations.consumeRegistrationToken(token, Instant.now())) {
            return error(401, "invalid_token", "the registration token is missing, expired or already used");
        }
        Map<String, Object> tool;
        try {
            tool = JSONObjectUtils.parse(body == null ? "" : body, 64 * 1024);
        } catch (Exception e) {
            return error(400, "invalid_client_metadata", "the body is not a JSON object");
        }
        List<String> problems = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        check(tool, problems, messages);
        if (!problems.isEmpty()) {
            return error(400, "invalid_client_metadata", String.join("; ", problems));
        }
        DemoRegistrations.Client client = registrations.register(style, messages, Instant.now());
        Map<String, Object> answer = new LinkedHashMap<>(tool);
        answer.put("client_id", client.clientId());
        @SuppressWarnings("unchecked")
        Map<String, Object> lti = new LinkedHashMap<>((Map<String, Object>) tool.get(TOOL_CONFIGURATION));
        lti.put("deployment_id", client.deploymentId());
        answer.put(TOOL_CONFIGURATION, lti);
        return Response.ok(JSONObjectUtils.toJSONString(answer)).build();
    }

    private static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

    /** The checks Canvas and Moodle make of a registration request. */
    static void check(Map<String, Object> tool, List<String> problems, List<String> messages) {
        if (!"web".equals(tool.get("application_type"))) problems.add("application_type must be web");
        List<?> grants = tool.get("grant_types") instanceof List<?> l ? l : List.of();
        if (!grants.contains("implicit") || !grants.contains("client_credentials")) {
            problems.add("grant_types must include implicit and client_credentials");
        }
        List<?> responseTypes = tool.get("response_types") instanceof List<?> l ? l : List.of();
        if (!responseTypes.contains("id_token")) problems.add("response_types must include id_token");
        if (!"private_key_jwt".equals(tool.get("token_endpoint_auth_method"))) problems.add("token_endpoint_auth_method must be private_key_jwt");
        for (String field : List.of("initiate_login_uri", "jwks_uri")) {
            if (!(tool.get(field) instanceof String s) || !isUrl(s)) problems.add(field + " must be a URL");
        }
        if (!(tool.get("redirect_uris") instanceof List<?> uris) || uris.isEmpty()
                || !uris.stream().allMatch(u -> u instanceof String s && isUrl(s))) {
            problems.add("redirect_uris must be a non-empty array of URLs");
        }
        if (!(tool.get("client_name") instanceof String name) || name.isBlank()) problems.add("client_name is required");
        if (!(tool.get("scope") instanceof String)) problems.add("scope must be a string");
        if (!(tool.get(TOOL_CONFIGURATION) instanceof Map<?, ?> lti)) {
            problems.add(TOOL_CONFIGURATION + " is required");
            return;
        }
        if (!(lti.get("domain") instanceof String d) || d.isBlank()) problems.add("domain is required");
        if (!(lti.get("target_link_uri") instanceof String t) || !isUrl(t)) problems.add("target_link_uri must be a URL");
        if (lti.get("messages") instanceof List<?> list) {
            for (Object m : list) {
                if (m instanceof Map<?, ?> message && message.get("type") instanceof String type) {
                    messages.add(type + (message.get("placements") instanceof List<?> p ? " " + p : ""));
                } else {
                    problems.add("each message needs a type");
                }
            }
        }
    }

    private String configurationUrl(String style) {
        return platform.url("/demo/dr/openid-configuration?style=" + style);
    }

    private static boolean isUrl(String s) {
        try {
            URI u = new URI(s);
            return u.getHost() != null && ("https".equals(u.getScheme()) || "http".equals(u.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    private static Response error(int status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JSONObjectUtils.toJSONString(Map.of("error", error, "error_description", description))).build();
    }

    private Response problem(int status, String message) {
        // bytes: RESTEasy HTML-escapes String bodies of text/html 400 responses
        return Response.status(status).type(HTML).entity(Templates.render("demo/problem.jte",
                Map.of("ctx", request.getContextPath(), "problems", List.of(message))).getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}
