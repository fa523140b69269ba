package app.tandem.demo;

import app.tandem.common.Templates;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The demo LMS's pages and platform endpoints: course list, course page with Tandem in an iframe, account admin
 * page (coordinator launch), OIDC auth endpoint and JWKS.
 */
@Path("demo")
@RequestScoped
public class DemoResource {
    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    @Inject
    DemoPlatform platform;

    @Inject
    DemoRegistrations registrations;

    @Context
    HttpServletRequest request;

    @GET
    public Response index() {
        if (!platform.enabled()) {
            return disabled();
        }
        return page("demo/index.jte", Map.of("courses", DemoData.COURSES), null);
    }

    @GET
    @Path("course/{course}")
    public Response course(@PathParam("course") String courseId, @QueryParam("as") String as, @QueryParam("link") String linkId,
                           @QueryParam("client") String client, @QueryParam("storage") String storage) {
        if (!platform.enabled()) {
            return disabled();
        }
        DemoData.Course course = DemoData.course(courseId).orElse(null);
        if (course == null) {
            return notFound("There is no demo course '" + courseId + "'.");
        }
        String role = "student".equals(as) ? "student" : "teacher";
        String userId = role.equals("student") ? course.studentId() : course.teacherId();
        DemoData.Person person = DemoData.person(userId).orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("course", course);
        model.put("person", person);
        model.put("roleLabel", DemoData.ROLE_LABELS.get(role));
        model.put("role", role);
        model.put("placed", platform.placedLinks(course.id()));
        boolean placedLink = linkId != null && platform.placedLink(course.id(), linkId).isPresent();
        String launchUrl = loginInitiation(person.id(), course.id() + ":" + role + (placedLink ? ":link-" + linkId : ""), clientOrDemo(client));
        // ?storage=off plays an LMS without platform storage (no lti_storage_target), to try the cookie-only path
        model.put("launchUrl", "off".equals(storage) ? launchUrl.replace("&lti_storage_target=_parent", "") : launchUrl);
        return page("demo/course.jte", model, platform.toolUrl(""));
    }

    /** A teacher adds Tandem content: the LMS launches Tandem with an LtiDeepLinkingRequest. */
    @GET
    @Path("course/{course}/add-content")
    public Response addContent(@PathParam("course") String courseId) {
        if (!platform.enabled()) {
            return disabled();
        }
        DemoData.Course course = DemoData.course(courseId).orElse(null);
        if (course == null) {
            return notFound("There is no demo course '" + courseId + "'.");
        }
        DemoData.Person person = DemoData.person(course.teacherId()).orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("course", course);
        model.put("person", person);
        model.put("launchUrl", loginInitiation(person.id(), course.id() + ":teacher:deeplink", DemoData.CLIENT_ID));
        return page("demo/add-content.jte", model, platform.toolUrl(""));
    }

    /** Where Tandem returns the deep-linking response (a form POST with the signed JWT). */
    @POST
    @Path("deep-link-return/{course}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deepLinkReturn(@PathParam("course") String courseId, @FormParam("JWT") String jwt) {
        if (!platform.enabled()) {
            return disabled();
        }
        DemoData.Course course = DemoData.course(courseId).orElse(null);
        if (course == null || jwt == null) {
            return notFound("Nothing to add here.");
        }
        List<DemoPlatform.PlacedLink> links = new ArrayList<>();
        try {
            JWTClaimsSet claims = platform.verifyDeepLinkingResponse(jwt, deepLinkData(course));
            Object items = claims.getClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
            if (items instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> item && "ltiResourceLink".equals(item.get("type"))) {
                        Map<String, String> custom = new LinkedHashMap<>();
                        if (item.get("custom") instanceof Map<?, ?> c) {
                            c.forEach((k, v) -> custom.put(String.valueOf(k), String.valueOf(v)));
                        }
                        links.add(new DemoPlatform.PlacedLink(UUID.randomUUID().toString().substring(0, 8),
                                String.valueOf(item.get("title")), item.get("text") == null ? null : String.valueOf(item.get("text")), custom));
                    }
                }
            }
        } catch (Exception e) {
            return Response.status(400).type(HTML).entity(Templates.render("demo/problem.jte",
                    Map.of("ctx", request.getContextPath(), "problems", List.of("The deep-linking response was refused: " + e.getMessage())))).build();
        }
        platform.place(course.id(), links);
        Map<String, Object> model = new HashMap<>();
        model.put("ctx", request.getContextPath());
        model.put("course", course);
        model.put("links", links);
        return Response.ok(Templates.render("demo/content-added.jte", model), HTML)
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'").build();
    }

    @GET
    @Path("admin")
    public Response admin(@QueryParam("client") String client) {
        if (!platform.enabled()) {
            return disabled();
        }
        DemoData.Person person = DemoData.person(DemoData.COORDINATOR_ID).orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("person", person);
        model.put("launchUrl", loginInitiation(person.id(), "account:coordinator", clientOrDemo(client)));
        return page("demo/admin.jte", model, platform.toolUrl(""));
    }

    @GET
    @Path("jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        if (!platform.enabled()) {
            return Response.status(404).build();
        }
        return Response.ok(platform.publicJwks().toString(true)).build();
    }

    /**
     * The platform's OIDC authorization endpoint: checks the authentication request as a real platform must
     * (client, registered redirect_uri, response type and mode, scope, prompt, nonce), then answers with a page
     * that form-POSTs the signed id_token and the state to the tool.
     */
    @GET
    @Path("auth")
    public Response auth(@QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
                         @QueryParam("response_type") String responseType, @QueryParam("response_mode") String responseMode,
                         @QueryParam("scope") String scope, @QueryParam("prompt") String prompt,
                         @QueryParam("login_hint") String loginHint, @QueryParam("lti_message_hint") String messageHint,
                         @QueryParam("state") String state, @QueryParam("nonce") String nonce) {
        if (!platform.enabled()) {
            return disabled();
        }
        List<String> problems = new ArrayList<>();
        String deploymentId = registrations.deploymentFor(clientId);
        if (deploymentId == null) problems.add("unknown client_id");
        if (!platform.toolUrl("/lti/launch").equals(redirectUri)) problems.add("redirect_uri is not the registered launch URL");
        if (!"id_token".equals(responseType)) problems.add("response_type must be id_token");
        if (!"form_post".equals(responseMode)) problems.add("response_mode must be form_post");
        if (!"openid".equals(scope)) problems.add("scope must be openid");
        if (!"none".equals(prompt)) problems.add("prompt must be none");
        if (state == null || state.isBlank()) problems.add("state is required");
        if (nonce == null || nonce.isBlank()) problems.add("nonce is required");
        DemoData.Person person = loginHint == null ? null : DemoData.person(loginHint).orElse(null);
        if (person == null) problems.add("unknown login_hint");
        String[] hint = messageHint == null ? new String[0] : messageHint.split(":");
        if (hint.length != 2 && hint.length != 3) problems.add("unknown lti_message_hint");
        if (!problems.isEmpty()) {
            return Response.status(400).type(HTML).entity(Templates.render("demo/problem.jte",
                    Map.of("ctx", request.getContextPath(), "problems", problems))).build();
        }
        String idToken = platform.sign(claims(person, hint[0], hint[1], hint.length == 3 ? hint[2] : "", nonce, clientId, deploymentId));
        Map<String, Object> model = new HashMap<>();
        model.put("ctx", request.getContextPath());
        model.put("action", redirectUri);
        model.put("idToken", idToken);
        model.put("state", state);
        return Response.ok(Templates.render("demo/autopost.jte", model), HTML)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; form-action " + origin(redirectUri))
                .build();
    }

    private JWTClaimsSet claims(DemoData.Person person, String where, String role, String mode, String nonce,
                                String clientId, String deploymentId) {
        String lti = "https://purl.imsglobal.org/spec/lti/claim/";
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(platform.issuer())
                .audience(clientId)
                .subject("demo-user-" + person.id())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce)
                .claim("name", person.name())
                .claim("given_name", person.givenName())
                .claim("family_name", person.familyName())
                .claim("email", person.email())
                .claim(lti + "version", "1.3.0")
                .claim(lti + "message_type", "LtiResourceLinkRequest")
                .claim(lti + "deployment_id", deploymentId)
                .claim(lti + "target_link_uri", platform.toolUrl("/app/home"))
                .claim(lti + "tool_platform", Map.of("guid", "demo-lms", "name", "Demo LMS", "product_family_code", "tandem-demo"));
        DemoData.Course course = DemoData.course(where).orElse(null);
        if (course != null) {
            b.claim(lti + "roles", List.of("teacher".equals(role) ? DemoData.INSTRUCTOR : DemoData.LEARNER))
                    .claim(lti + "context", Map.of("id", "demo-course-" + course.id(), "label", course.label(), "title", course.title(),
                            "type", List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseSection")))
                    .claim(lti + "launch_presentation", Map.of("document_target", "iframe",
                            "return_url", platform.url("/demo/course/" + course.id())))
                    .claim("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice", Map.of(
                            "context_memberships_url", platform.url("/demo/nrps/" + course.id()),
                            "service_versions", List.of("2.0")))
                    .claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", Map.of(
                            "scope", List.of("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                                    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
                                    "https://purl.imsglobal.org/spec/lti-ags/scope/score"),
                            "lineitems", platform.url("/demo/ags/" + course.id() + "/lineitems")));
            DemoPlatform.PlacedLink link = mode.startsWith("link-") ? platform.placedLink(course.id(), mode.substring(5)).orElse(null) : null;
            if (mode.equals("deeplink")) {
                b.claim(lti + "message_type", "LtiDeepLinkingRequest")
                        .claim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings", Map.of(
                                "deep_link_return_url", platform.url("/demo/deep-link-return/" + course.id()),
                                "accept_types", List.of("ltiResourceLink"),
                                "accept_presentation_document_targets", List.of("iframe", "window"),
                                "accept_multiple", "true",
                                "data", deepLinkData(course)));
            } else if (link != null) {
                b.claim(lti + "resource_link", Map.of("id", "demo-placed-" + link.id(), "title", link.title()))
                        .claim(lti + "custom", link.custom());
            } else {
                b.claim(lti + "resource_link", Map.of("id", "demo-link-" + course.id(), "title", "Tandem"));
            }
        } else {
            b.claim(lti + "roles", List.of(DemoData.INSTITUTION_ADMIN))
                    .claim(lti + "resource_link", Map.of("id", "demo-link-account", "title", "Tandem (district)"))
                    .claim(lti + "launch_presentation", Map.of("document_target", "iframe", "return_url", platform.url("/demo/admin")));
        }
        return b.build();
    }

    private static String deepLinkData(DemoData.Course course) {
        return "demo-dl-" + course.id();
    }

    /** Tandem's login initiation URL as this platform's page would put it in the iframe. */
    private String loginInitiation(String userId, String messageHint, String clientId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("iss", platform.issuer());
        params.put("login_hint", userId);
        params.put("target_link_uri", platform.toolUrl("/app/home"));
        params.put("lti_message_hint", messageHint);
        params.put("client_id", clientId);
        params.put("lti_deployment_id", registrations.deploymentFor(clientId));
        params.put("lti_storage_target", "_parent");
        return platform.toolUrl("/lti/login") + "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A client Tandem registered dynamically with the demo, or the demo's original client. */
    private String clientOrDemo(String client) {
        return registrations.client(client).map(DemoRegistrations.Client::clientId).orElse(DemoData.CLIENT_ID);
    }

    private Response page(String template, Map<String, Object> extra, String frameSource) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("ctx", request.getContextPath());
        model.put("toolOrigin", origin(platform.toolUrl("/")));
        // 'self' too: the frame's login redirects to this platform's own auth endpoint, and frame-src applies to every hop
        String frame = frameSource == null ? "'none'" : "'self' " + origin(frameSource);
        return Response.ok(Templates.render(template, model), HTML)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; frame-src " + frame
                        + "; frame-ancestors 'none'")
                .build();
    }

    private Response disabled() {
        return notFound("The demo LMS is turned off on this server (TANDEM_DEMO=false).");
    }

    private Response notFound(String message) {
        return Response.status(404).type(HTML).entity(Templates.render("demo/problem.jte",
                Map.of("ctx", request.getContextPath(), "problems", List.of(message)))).build();
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}
