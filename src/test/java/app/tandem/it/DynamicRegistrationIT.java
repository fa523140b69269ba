package app.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * LTI Dynamic Registration against in-test platforms (com.sun.net.httpserver on 127.0.0.1) shaped like Moodle and
 * Canvas: registration links from the admin API, the platform's configuration checks, the registration request
 * each platform gets, the stored registration and deployment, and a real launch with the new client_id.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DynamicRegistrationIT {
    private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    private static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

    private static HttpServer server;
    private static String serverBase;
    private static final Map<String, FakePlatform> PLATFORMS = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.tandem();
    }

    @BeforeAll
    static void startPlatforms() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", DynamicRegistrationIT::handle);
        server.start();
        serverBase = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopPlatforms() {
        if (server != null) {
            server.stop(0);
        }
    }

    // ------------------------------------------------------------------ happy paths

    @Test
    void moodleStyle_registersWithTheTokenThenLaunchesWithTheNewClient() throws Exception {
        String district = district("Moodle DR district");
        Map<String, Object> link = link(Map.of("districtId", district, "label", "Moodle site"));
        FakePlatform moodle = platform("moodle");
        String regToken = "moodle-reg-" + UUID.randomUUID();

        HttpResponse<String> page = register((String) link.get("url"), moodle, regToken);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Tandem is registered").contains("Moodle DR district")
                .contains(moodle.lastClientId).contains(moodle.lastDeploymentId)
                .contains("/static/lti-close.js").contains("data-lti-close");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors *")
                .contains("script-src 'self'");

        // the platform got the registration token as bearer and a Moodle-shaped request
        assertThat(moodle.registrations).hasSize(1);
        FakePlatform.Captured sent = moodle.registrations.get(0);
        assertThat(sent.authorization()).isEqualTo("Bearer " + regToken);
        assertThat(sent.body()).containsEntry("application_type", "web").containsEntry("client_name", "Tandem")
                .containsEntry("token_endpoint_auth_method", "private_key_jwt")
                .containsEntry("initiate_login_uri", Deployments.toolBase() + "/lti/login")
                .containsEntry("redirect_uris", List.of(Deployments.toolBase() + "/lti/launch"))
                .containsEntry("jwks_uri", Deployments.toolBase() + "/.well-known/jwks.json")
                .containsEntry("scope", "https://purl.imsglobal.org/spec/lti-ags/scope/score "
                        + "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");
        Map<String, Object> lti = map(sent.body().get(TOOL_CONFIGURATION));
        assertThat(lti).containsEntry("domain", "localhost:" + Deployments.httpPort())
                .containsEntry("target_link_uri", Deployments.toolBase() + "/app/home")
                .doesNotContainKey("https://canvas.instructure.com/lti/privacy_level");
        assertThat(message(lti, "LtiResourceLinkRequest")).doesNotContainKey("placements");
        assertThat(message(lti, "LtiDeepLinkingRequest")).containsEntry("placements", List.of("ContentArea"));

        // stored: registration + deployment in the link's district, the link used up
        Map<String, Object> reg = registration(moodle.issuer(), moodle.lastClientId);
        assertThat(reg).isNotNull();
        List<Object> deployments = list(reg.get("deployments"));
        assertThat(deployments).hasSize(1);
        assertThat(map(deployments.get(0))).containsEntry("deploymentId", moodle.lastDeploymentId).containsEntry("districtId", district);
        assertThat(getLink((String) link.get("id"))).containsEntry("status", "used_up").containsEntry("uses", 1L);

        // a real launch with the new client_id
        HttpResponse<String> launch = launch(moodle, moodle.lastClientId, moodle.lastDeploymentId);
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
        assertThat(launch.body()).contains("Welcome, Rita Teacher").contains("Algebra II");

        // no registration token and no link token in the server's log
        String linkToken = tokenOf((String) link.get("url"));
        String log = serverLog("LTI dynamic registration done");
        assertThat(log).contains("client_id=" + moodle.lastClientId).doesNotContain(regToken).doesNotContain(linkToken);
    }

    @Test
    void canvasStyle_placementsPrivacyAndTheDeploymentAdoptedAtTheFirstLaunch() throws Exception {
        String district = district("Canvas DR district");
        Map<String, Object> link = link(Map.of("districtId", district));
        FakePlatform canvas = platform("canvas");
        canvas.includeDeployment = false; // Canvas names the deployment only when the tool is installed

        HttpResponse<String> page = register((String) link.get("url"), canvas, "canvas-reg-" + UUID.randomUUID());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("named by the LMS at the first launch").contains("course_navigation");

        Map<String, Object> lti = map(canvas.registrations.get(0).body().get(TOOL_CONFIGURATION));
        assertThat(message(lti, "LtiResourceLinkRequest")).containsEntry("placements", List.of("course_navigation", "account_navigation"));
        assertThat(message(lti, "LtiDeepLinkingRequest"))
                .containsEntry("placements", List.of("assignment_selection", "link_selection", "editor_button"));
        assertThat(lti).containsEntry("https://canvas.instructure.com/lti/privacy_level", "public").containsKey("custom_parameters");
        assertThat(list(registration(canvas.issuer(), canvas.lastClientId).get("deployments"))).isEmpty();

        // a login with an unknown deployment of this registration passes; the validated launch adopts it
        String deployment = "canvas-deployment-" + UUID.randomUUID();
        HttpResponse<String> launch = launch(canvas, canvas.lastClientId, deployment);
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
        assertThat(launch.body()).contains("Welcome, Rita Teacher");
        List<Object> deployments = list(registration(canvas.issuer(), canvas.lastClientId).get("deployments"));
        assertThat(deployments).hasSize(1);
        assertThat(map(deployments.get(0))).containsEntry("deploymentId", deployment).containsEntry("districtId", district);
        // and launches again through it
        assertThat(launch(canvas, canvas.lastClientId, deployment).statusCode()).isEqualTo(200);
    }

    @Test
    void theDemoLmsRegistersTandemAndLaunchesWithTheNewClient() throws Exception {
        for (String style : List.of("moodle", "canvas")) {
            HttpResponse<String> demoPage = get(Deployments.demoBase() + "/demo/dr?style=" + style);
            assertThat(demoPage.statusCode()).isEqualTo(200);
            assertThat(demoPage.body()).contains("demo-register.js");
            String frame = attribute(demoPage.body(), "iframe", "src");
            assertThat(frame).startsWith(Deployments.toolBase() + "/lti/dynamic-registration?link=")
                    .contains("openid_configuration=").contains("registration_token=");

            HttpResponse<String> registered = get(frame);
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            String clientId = text(registered.body(), "dr-client-id");
            assertThat(clientId).startsWith("demo-dr-");
            assertThat(registered.body()).contains("Riverside Unified School District (demo)");

            HttpResponse<String> list = get(Deployments.demoBase() + "/demo/dr");
            assertThat(list.body()).contains(clientId);

            HttpResponse<String> course = get(Deployments.demoBase() + "/demo/course/alg1-p2?as=teacher&client=" + clientId);
            String login = attribute(course.body(), "iframe", "src");
            assertThat(login).contains("client_id=" + clientId);
            HttpResponse<String> toAuth = get(login);
            // the demo offers LTI platform storage, so the login answers with the page that stores the binding
            // and then goes on to the auth endpoint (data-next)
            assertThat(toAuth.statusCode()).isEqualTo(200);
            HttpResponse<String> autopost = get(attribute(toAuth.body(), "div[^>]*id=\"lti-storage\"", "data-next"));
            assertThat(autopost.statusCode()).as(autopost.body()).isEqualTo(200);
            HttpResponse<String> launched = post(attribute(autopost.body(), "form", "action"), Map.of(
                    "id_token", attribute(autopost.body(), "input[^>]*name=\"id_token\"", "value"),
                    "state", attribute(autopost.body(), "input[^>]*name=\"state\"", "value")), cookie(toAuth));
            assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
            assertThat(launched.body()).contains("Welcome, Maria Rivera");
        }
        // the original demo client still launches
        HttpResponse<String> course = get(Deployments.demoBase() + "/demo/course/alg1-p2?as=teacher");
        assertThat(attribute(course.body(), "iframe", "src")).contains("client_id=tandem-demo-client");
    }

    @Test
    void aSecondRegistrationOfTheSameClientUpdatesIt() throws Exception {
        String district = district("Re-registration district");
        Map<String, Object> link = link(Map.of("districtId", district, "maxUses", 2));
        FakePlatform moodle = platform("moodle");
        moodle.fixedClientId = "fixed-" + UUID.randomUUID();

        assertThat(register((String) link.get("url"), moodle, null).statusCode()).isEqualTo(200);
        assertThat(moodle.registrations.get(0).authorization()).isNull();
        HttpResponse<String> again = register((String) link.get("url"), moodle, null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("was updated");
        long count = registrations().stream().map(DynamicRegistrationIT::map)
                .filter(r -> moodle.issuer().equals(r.get("issuer")) && moodle.fixedClientId.equals(r.get("clientId"))).count();
        assertThat(count).isEqualTo(1);

        // the same issuer + client_id through another district's link is a conflict, not a move
        Map<String, Object> other = link(Map.of("districtId", district("Another district")));
        HttpResponse<String> conflict = register((String) other.get("url"), moodle, null);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("registration_conflict");
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void badPlatformConfigurationsAreClear4xxPages() throws Exception {
        Map<String, Object> link = link(Map.of("districtId", district("Bad config district")));
        String url = (String) link.get("url");

        assertProblem(register(url, platform("moodle", c -> with(c, "issuer", serverBase + "/someone-else")), null), 400, "issuer_mismatch");
        assertProblem(register(url, platform("moodle", c -> with(c, "issuer", "http://lms.example.org")), null), 400, "issuer_not_https");
        assertProblem(get(url + "&openid_configuration=" + enc("http://lms.example.org/.well-known/openid-configuration")),
                400, "configuration_url_invalid");
        assertProblem(get(url), 400, "missing_configuration_url");
        assertProblem(register(url, platform("moodle", c -> with(c, "registration_endpoint", null)), null), 400, "configuration_incomplete");
        assertProblem(register(url, platform("canvas", c -> with(c, "https://purl.imsglobal.org/spec/lti-platform-configuration",
                Map.of("messages_supported", List.of()))), null), 400, "configuration_incomplete");
        assertProblem(register(url, platform("moodle", c -> with(c, "token_endpoint_auth_methods_supported", List.of("client_secret_basic"))), null),
                400, "unsupported_auth_method");
        assertProblem(register(url, platform("moodle", c -> with(c, "id_token_signing_alg_values_supported", List.of("none"))), null),
                400, "unsupported_signing_algorithm");

        FakePlatform malformed = platform("moodle");
        malformed.rawConfiguration = "{\"issuer\": \"" + malformed.issuer() + "\", ";
        assertProblem(register(url, malformed, null), 400, "configuration_malformed");
        FakePlatform array = platform("moodle");
        array.rawConfiguration = "[1, 2, 3]";
        assertProblem(register(url, array, null), 400, "configuration_malformed");
        FakePlatform missing = platform("moodle");
        missing.configurationStatus = 404;
        assertProblem(register(url, missing, null), 400, "configuration_http_error");

        FakePlatform refusing = platform("moodle");
        refusing.registrationStatus = 400;
        HttpResponse<String> refused = register(url, refusing, "some-token");
        assertProblem(refused, 400, "registration_refused");
        assertThat(refused.body()).contains("invalid_client_metadata");
        FakePlatform noClient = platform("moodle");
        noClient.omitClientId = true;
        assertProblem(register(url, noClient, null), 400, "registration_response_invalid");

        // failures did not use the link up: it still registers
        assertThat(getLink((String) link.get("id"))).containsEntry("status", "active").containsEntry("uses", 0L);
        assertThat(register(url, platform("moodle"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aSlowPlatformTimesOutWithAClearPage() throws Exception {
        Map<String, Object> link = link(Map.of("districtId", district("Slow district")));
        FakePlatform slow = platform("moodle");
        slow.configurationDelay = Duration.ofSeconds(30); // far beyond the 5-second timeout, so a loaded machine cannot blur the two
        long start = System.nanoTime();
        assertProblem(register((String) link.get("url"), slow, null), 400, "configuration_timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void unknownMissingRevokedExpiredAndUsedLinksAreRefused() throws Exception {
        String district = district("Link district");
        FakePlatform moodle = platform("moodle");
        assertProblem(register(Deployments.toolBase() + "/lti/dynamic-registration?link=not-a-real-link", moodle, null), 404, "link_unknown");
        assertProblem(register(Deployments.toolBase() + "/lti/dynamic-registration?x=1", moodle, null), 400, "link_missing");

        Map<String, Object> revoked = link(Map.of("districtId", district));
        assertThat(send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/api/admin/registration-links/" + revoked.get("id")))
                .header("Authorization", "Bearer " + Deployments.adminToken()).DELETE()).statusCode()).isEqualTo(204);
        assertProblem(register((String) revoked.get("url"), moodle, null), 410, "link_revoked");
        assertThat(getLink((String) revoked.get("id"))).containsEntry("status", "revoked");

        Map<String, Object> expiring = link(Map.of("districtId", district, "validHours", 0.0005)); // 1.8 seconds
        Thread.sleep(2500);
        assertProblem(register((String) expiring.get("url"), moodle, null), 410, "link_expired");

        Map<String, Object> once = link(Map.of("districtId", district));
        assertThat(register((String) once.get("url"), moodle, null).statusCode()).isEqualTo(200);
        assertProblem(register((String) once.get("url"), moodle, null), 410, "link_used");
        assertThat(moodle.registrations).hasSize(1); // refused links never reach the platform
    }

    @Test
    void adminApiValidatesFieldsAndNeverShowsTheTokenAgain() throws Exception {
        String district = district("Admin API district");
        HttpResponse<String> noAuth = send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/api/admin/registration-links")).GET());
        assertThat(noAuth.statusCode()).isEqualTo(401);

        HttpResponse<String> bad = adminPost("/api/admin/registration-links",
                "{\"districtId\": \"no-such-district\", \"validHours\": -1, \"maxUses\": 0, \"label\": \"" + "x".repeat(201) + "\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        Map<String, Object> fields = map(JSONObjectUtils.parse(bad.body()).get("fields"));
        assertThat(fields).containsKeys("districtId", "validHours", "maxUses", "label");
        assertThat(adminPost("/api/admin/registration-links", "{\"districtId\": 7}").statusCode()).isEqualTo(400);
        assertThat(adminPost("/api/admin/registration-links", "{\"districtId\": \"" + district + "\", \"validHours\": \"soon\"}").statusCode())
                .isEqualTo(400);
        assertThat(adminPost("/api/admin/registration-links", "not json").statusCode()).isEqualTo(400);
        assertThat(adminPost("/api/admin/registration-links", "{\"districtId\": \"" + district + "\", \"validHours\": 721}").statusCode())
                .isEqualTo(400);

        Map<String, Object> created = link(Map.of("districtId", district, "label", "For the API test", "validHours", 2, "maxUses", 3));
        String token = tokenOf((String) created.get("url"));
        assertThat((String) created.get("url")).startsWith(Deployments.toolBase() + "/lti/dynamic-registration?link=");
        assertThat(created).containsEntry("districtId", district).containsEntry("label", "For the API test")
                .containsEntry("maxUses", 3L).containsEntry("uses", 0L).containsEntry("status", "active")
                .containsEntry("tokenPrefix", token.substring(0, 6));

        HttpResponse<String> listed = adminGet("/api/admin/registration-links");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains((String) created.get("id")).doesNotContain(token).doesNotContain("\"url\"");
        assertThat(adminGet("/api/admin/registration-links/" + created.get("id")).body()).doesNotContain(token);
        assertThat(adminGet("/api/admin/registration-links/nope").statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/api/admin/registration-links/nope"))
                .header("Authorization", "Bearer " + Deployments.adminToken()).DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void coordinatorsCreateAndRevokeRegistrationLinksInTandem() throws Exception {
        String district = district("Coordinator district");
        FakePlatform moodle = platform("moodle");
        assertThat(register((String) link(Map.of("districtId", district)).get("url"), moodle, null).statusCode()).isEqualTo(200);

        HttpResponse<String> home = launch(moodle, moodle.lastClientId, moodle.lastDeploymentId, true);
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        assertThat(home.body()).contains("Connect an LMS");
        String session = sessionToken(home.body());

        HttpResponse<String> fragment = send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/app/registration-links"))
                .header("X-Tandem-Session", session).GET());
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("Create a registration link").doesNotContain("new-registration-link-url");

        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/app/registration-links"))
                .header("X-Tandem-Session", session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("label=" + enc("Second Moodle"))));
        assertThat(created.statusCode()).isEqualTo(200);
        String url = attribute(created.body(), "input", "value");
        assertThat(url).startsWith(Deployments.toolBase() + "/lti/dynamic-registration?link=");
        assertThat(created.body()).contains("Second Moodle");

        // the link registers a platform into the coordinator's district
        FakePlatform second = platform("moodle");
        HttpResponse<String> page = register(url, second, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Coordinator district");

        // revoke a fresh one; the list never shows a token again
        HttpResponse<String> another = send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/app/registration-links"))
                .header("X-Tandem-Session", session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("label=")));
        String anotherUrl = attribute(another.body(), "input", "value");
        String prefix = tokenOf(anotherUrl).substring(0, 6);
        String id = JSONArrayUtils.parse(adminGet("/api/admin/registration-links").body()).stream().map(DynamicRegistrationIT::map)
                .filter(l -> prefix.equals(l.get("tokenPrefix"))).map(l -> (String) l.get("id")).findFirst().orElseThrow();
        HttpResponse<String> revoked = send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/app/registration-links/" + id + "/revoke"))
                .header("X-Tandem-Session", session).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).contains("revoked").doesNotContain(tokenOf(anotherUrl));
        assertProblem(register(anotherUrl, platform("moodle"), null), 410, "link_revoked");

        // teachers cannot; nobody without a session can
        HttpResponse<String> teacher = launch(moodle, moodle.lastClientId, moodle.lastDeploymentId, false);
        assertThat(send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + "/app/registration-links"))
                .header("X-Tandem-Session", sessionToken(teacher.body())).GET()).statusCode()).isEqualTo(403);
        assertThat(get(Deployments.toolBase() + "/app/registration-links").statusCode()).isEqualTo(401);
    }

    private static String sessionToken(String html) {
        Matcher m = Pattern.compile("X-Tandem-Session(?:&#34;|&quot;|\")\\s*:\\s*(?:&#34;|&quot;|\")([A-Za-z0-9_-]+)").matcher(html);
        assertThat(m.find()).as("session token in " + html).isTrue();
        return m.group(1);
    }

    // ------------------------------------------------------------------ the fake platforms

    /** A platform served by the in-test HTTP server under /{name}: configuration, registration endpoint, JWKS. */
    static final class FakePlatform {
        record Captured(String authorization, Map<String, Object> body) {
        }

        final String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        final String style;
        final RSAKey key;
        final List<Captured> registrations = Collections.synchronizedList(new ArrayList<>());
        volatile UnaryOperator<Map<String, Object>> configurationChange = UnaryOperator.identity();
        volatile String rawConfiguration;
        volatile int configurationStatus = 200;
        volatile Duration configurationDelay = Duration.ZERO;
        volatile int registrationStatus = 200;
        volatile boolean includeDeployment = true;
        volatile boolean omitClientId;
        volatile String fixedClientId;
        volatile String lastClientId;
        volatile String lastDeploymentId;

        FakePlatform(String style) {
            this.style = style;
            try {
                key = new RSAKeyGenerator(2048).keyID(name).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String issuer() {
            return serverBase + "/" + name;
        }

        String configurationUrl() {
            return issuer() + "/.well-known/openid-configuration";
        }

        Map<String, Object> configuration() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("issuer", issuer());
            c.put("authorization_endpoint", issuer() + "/auth");
            c.put("token_endpoint", issuer() + "/token");
            c.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
            c.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
            c.put("jwks_uri", issuer() + "/jwks");
            c.put("registration_endpoint", issuer() + "/register");
            c.put("response_types_supported", List.of("id_token"));
            c.put("id_token_signing_alg_values_supported", List.of("RS256"));
            c.put("claims_supported", List.of("sub", "iss", "name", "given_name", "family_name", "email"));
            if (style.equals("moodle")) {
                c.put("scopes_supported", List.of("https://purl.imsglobal.org/spec/lti-ags/scope/score",
                        "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly", "openid"));
                c.put("https://purl.imsglobal.org/spec/lti-platform-configuration", Map.of(
                        "product_family_code", "moodle", "version", "4.5",
                        "messages_supported", List.of(Map.of("type", "LtiResourceLinkRequest"),
                                Map.of("type", "LtiDeepLinkingRequest", "placements", List.of("ContentArea")))));
            } else {
                c.put("https://purl.imsglobal.org/spec/lti-platform-configuration", Map.of(
                        "product_family_code", "canvas", "version", "OpenSource",
                        "messages_supported", List.of(
                                Map.of("type", "LtiResourceLinkRequest", "placements",
                                        List.of("account_navigation", "assignment_selection", "course_navigation", "link_selection")),
                                Map.of("type", "LtiDeepLinkingRequest", "placements",
                                        List.of("assignment_selection", "editor_button", "link_selection", "ContentArea"))),
                        "https://canvas.instructure.com/lti/account_name", "Test account"));
            }
            return configurationChange.apply(c);
        }
    }

    static FakePlatform platform(String style) {
        FakePlatform p = new FakePlatform(style);
        PLATFORMS.put(p.name, p);
        return p;
    }

    static FakePlatform platform(String style, UnaryOperator<Map<String, Object>> change) {
        FakePlatform p = platform(style);
        p.configurationChange = change;
        return p;
    }

    private static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String[] parts = ex.getRequestURI().getPath().split("/", 3);
            FakePlatform p = parts.length == 3 ? PLATFORMS.get(parts[1]) : null;
            if (p == null) {
                respond(ex, 404, "{}");
                return;
            }
            switch ("/" + parts[2]) {
                case "/.well-known/openid-configuration" -> {
                    if (!p.configurationDelay.isZero()) {
                        try {
                            Thread.sleep(p.configurationDelay.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    respond(ex, p.configurationStatus, p.rawConfiguration != null ? p.rawConfiguration
                            : JSONObjectUtils.toJSONString(p.configuration()));
                }
                case "/jwks" -> respond(ex, 200, new JWKSet(p.key.toPublicJWK()).toString(true));
                case "/register" -> {
                    Map<String, Object> body;
                    try {
                        body = JSONObjectUtils.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        respond(ex, 400, "{\"error\":\"invalid_client_metadata\"}");
                        return;
                    }
                    p.registrations.add(new FakePlatform.Captured(ex.getRequestHeaders().getFirst("Authorization"), body));
                    if (p.registrationStatus != 200) {
                        respond(ex, p.registrationStatus,
                                "{\"error\":\"invalid_client_metadata\",\"error_description\":\"the tool is not welcome here\"}");
                        return;
                    }
                    String clientId = p.fixedClientId != null ? p.fixedClientId : p.style + "-client-" + UUID.randomUUID();
                    Map<String, Object> answer = new LinkedHashMap<>(body);
                    if (!p.omitClientId) {
                        answer.put("client_id", clientId);
                    }
                    Map<String, Object> lti = new LinkedHashMap<>(map(body.get(TOOL_CONFIGURATION)));
                    String deploymentId = p.includeDeployment ? "dep-" + UUID.randomUUID() : null;
                    if (deploymentId != null) {
                        lti.put("deployment_id", deploymentId);
                    }
                    answer.put(TOOL_CONFIGURATION, lti);
                    p.lastClientId = clientId;
                    p.lastDeploymentId = deploymentId;
                    respond(ex, 200, JSONObjectUtils.toJSONString(answer));
                }
                default -> respond(ex, 404, "{}");
            }
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    // ------------------------------------------------------------------ driving Tandem

    private HttpResponse<String> register(String linkUrl, FakePlatform p, String registrationToken) throws Exception {
        return get(linkUrl + "&openid_configuration=" + enc(p.configurationUrl())
                + (registrationToken == null ? "" : "&registration_token=" + enc(registrationToken)));
    }

    private HttpResponse<String> launch(FakePlatform p, String clientId, String deploymentId) throws Exception {
        return launch(p, clientId, deploymentId, false);
    }

    /** A browser's launch: login initiation, the platform's auth step (done here), the form POST with the state cookie. */
    private HttpResponse<String> launch(FakePlatform p, String clientId, String deploymentId, boolean coordinator) throws Exception {
        String target = Deployments.toolBase() + "/app/home";
        HttpResponse<String> login = get(Deployments.toolBase() + "/lti/login?iss=" + enc(p.issuer()) + "&login_hint=teacher-1"
                + "&target_link_uri=" + enc(target) + "&client_id=" + enc(clientId) + "&lti_deployment_id=" + enc(deploymentId));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        URI auth = URI.create(login.headers().firstValue("Location").orElseThrow());
        assertThat(auth.toString()).startsWith(p.issuer() + "/auth?");
        Map<String, String> q = query(auth);
        assertThat(q).containsEntry("client_id", clientId).containsEntry("redirect_uri", Deployments.toolBase() + "/lti/launch");

        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(p.issuer()).audience(clientId).subject("teacher-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", q.get("nonce"))
                .claim("name", "Rita Teacher").claim("given_name", "Rita").claim("family_name", "Teacher")
                .claim(LTI + "version", "1.3.0")
                .claim(LTI + "message_type", "LtiResourceLinkRequest")
                .claim(LTI + "deployment_id", deploymentId)
                .claim(LTI + "target_link_uri", target)
                .claim(LTI + "resource_link", Map.of("id", "rl-" + p.name));
        if (coordinator) {
            claims.claim(LTI + "roles", List.of("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"));
        } else {
            claims.claim(LTI + "roles", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"))
                    .claim(LTI + "context", Map.of("id", "ctx-" + p.name, "title", "Algebra II", "label", "ALG2"));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(p.key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(new RSASSASigner(p.key));
        return post(Deployments.toolBase() + "/lti/launch", Map.of("id_token", jwt.serialize(), "state", q.get("state")), cookie(login));
    }

    /** The state cookie: java.net's cookie handling drops it (Secure over http), so a browser-like copy by hand. */
    private static String cookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .filter(c -> c.startsWith("lti_state_")).findFirst().orElseThrow();
    }

    private String district(String name) throws Exception {
        HttpResponse<String> r = adminPost("/api/admin/districts", "{\"name\": \"" + name + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return (String) JSONObjectUtils.parse(r.body()).get("id");
    }

    private Map<String, Object> link(Map<String, Object> body) throws Exception {
        HttpResponse<String> r = adminPost("/api/admin/registration-links", JSONObjectUtils.toJSONString(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSONObjectUtils.parse(r.body());
    }

    private Map<String, Object> getLink(String id) throws Exception {
        HttpResponse<String> r = adminGet("/api/admin/registration-links/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        return JSONObjectUtils.parse(r.body());
    }

    private List<Object> registrations() throws Exception {
        return JSONArrayUtils.parse(adminGet("/api/admin/registrations").body());
    }

    private Map<String, Object> registration(String issuer, String clientId) throws Exception {
        return registrations().stream().map(DynamicRegistrationIT::map)
                .filter(r -> issuer.equals(r.get("issuer")) && clientId.equals(r.get("clientId"))).findFirst().orElse(null);
    }

    private HttpResponse<String> adminPost(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + path))
                .header("Authorization", "Bearer " + Deployments.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> adminGet(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(Deployments.toolBase() + path))
                .header("Authorization", "Bearer " + Deployments.adminToken()).GET());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> post(String url, Map<String, String> form, String cookie) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .reduce((a, b) -> a + "&" + b).orElse("");
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(code + ": " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("Tandem could not be registered").contains("<code data-testid=\"dr-problem-code\">" + code + "</code>");
    }

    /** The server's messages.log, once it shows {@code expected} (Liberty writes it asynchronously). */
    private static String serverLog(String expected) throws Exception {
        // the server's name can be overridden (arq.container.liberty.configuration.serverName) to run beside another Tandem
        String serverName = System.getProperty("tandem.it.serverName", "tandemit9080");
        Path log = Path.of("target/liberty/wlp/usr/servers", serverName, "logs/messages.log");
        String text = "";
        for (int i = 0; i < 50 && !text.contains(expected); i++) {
            text = Files.exists(log) ? Files.readString(log) : "";
            if (!text.contains(expected)) {
                Thread.sleep(100);
            }
        }
        assertThat(text).contains(expected);
        return text;
    }

    private static String tokenOf(String linkUrl) {
        return query(URI.create(linkUrl)).get("link");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    /** The first {@code attr} value of an element matching {@code element}, HTML entities decoded. */
    private static String attribute(String html, String element, String attr) {
        Matcher m = Pattern.compile("<" + element + "[^>]*?\\s" + attr + "=\"([^\"]*)\"", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("<" + element + " " + attr + "> in " + html).isTrue();
        return m.group(1).replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String text(String html, String testId) {
        Matcher m = Pattern.compile("data-testid=\"" + testId + "\">([^<]*)<").matcher(html);
        assertThat(m.find()).as(testId + " in " + html).isTrue();
        return m.group(1).strip();
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> message(Map<String, Object> lti, String type) {
        return ((List<Object>) lti.get("messages")).stream().map(m -> (Map<String, Object>) m)
                .filter(m -> type.equals(m.get("type"))).findFirst().orElse(null);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
