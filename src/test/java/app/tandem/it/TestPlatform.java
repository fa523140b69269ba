package app.tandem.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An LTI 1.3 platform on a loopback port for the integration tests. It publishes its RSA keys (JWKS, rotatable),
 * checks OIDC authentication requests as a platform must and answers them with a signed id_token in an auto-post
 * form, and registers itself with Tandem through the admin API: its own issuer, a district, one deployment.
 * {@link #nextToken} lets a test change the next id_token: claims, key, algorithm, headers.
 *
 * <p>It is an LTI Advantage platform too ({@link #services()}: token endpoint, NRPS, AGS), and launches into a
 * section carry the namesroleservice and AGS endpoint claims pointing at it. It takes deep-linking responses back
 * at {@link #deepLinkReturnUrl()}, verifying them with Tandem's published JWKS as an LMS would.
 */
public final class TestPlatform implements AutoCloseable {
    public static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    public static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    public static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    public static final String MENTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor";
    public static final String INSTITUTION_ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";
    public static final String DEPLOYMENT_ID = "deployment-1";
    public static final String NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    public static final String AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    public static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

    private final HttpServer server;
    private final String name;
    private final String origin;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final AtomicReference<Consumer<Token>> nextToken = new AtomicReference<>(t -> { });
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final PlatformServices services;
    private final List<DeepLinkReturn> deepLinkReturns = new CopyOnWriteArrayList<>();
    private final Set<String> deepLinkNonces = ConcurrentHashMap.newKeySet();
    private volatile RSAKey signingKey;
    private volatile int jwksStatus = 200;
    private volatile UnaryOperator<JWK> publishedAs = JWK::toPublicJWK;
    private volatile boolean offerServices = true;
    private String registrationId;
    private String districtId;

    /** A course section (LTI context). */
    public record Section(String id, String title) {
        public static Section named(String title) {
            return new Section("ctx-" + UUID.randomUUID(), title);
        }
    }

    /** A platform user; the login_hint is the sub. A null section means an account-level launch (no context). */
    public record Person(String sub, String name, List<String> roles, Section section) {
        public static Person of(String name, Section section, String... roles) {
            return new Person("user-" + UUID.randomUUID(), name, List.of(roles), section);
        }

        public Person renamed(String newName) {
            return new Person(sub, newName, roles, section);
        }

        public Person in(Section newSection) {
            return new Person(sub, name, roles, newSection);
        }
    }

    private TestPlatform(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor); // several requests at once: concurrent launches, a slow service answer
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        signingKey = newKey(name + "-key-1");
        published.add(signingKey);
        server.createContext("/jwks", handler(this::jwks));
        server.createContext("/auth", handler(this::authenticate));
        server.createContext("/deep-link-return", handler(this::deepLinkReturn));
        services = new PlatformServices(this, server);
        server.start();
    }

    /** The platforms running in this JVM (in the server: in this deployment), for {@link #closeAll}. */
    private static final Set<TestPlatform> RUNNING = ConcurrentHashMap.newKeySet();

    /** Starts a platform and registers it with Tandem; {@code name} makes its issuer unique (use the test class). */
    public static TestPlatform start(String name) {
        try {
            TestPlatform platform = new TestPlatform(name);
            RUNNING.add(platform);
            platform.register();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void register() {
        AdminClient admin = AdminClient.authorized();
        districtId = admin.createId("/districts", Map.of("name", districtName()));
        registrationId = admin.createId("/registrations", registration(services.tokenUrl()));
        admin.create("/registrations/" + registrationId + "/deployments",
                Map.of("deploymentId", DEPLOYMENT_ID, "districtId", districtId, "label", name));
    }

    private Map<String, Object> registration(String tokenEndpoint) {
        Map<String, Object> r = new LinkedHashMap<>(Map.of("issuer", issuer(), "clientId", clientId(), "name", name,
                "authEndpoint", origin + "/auth", "jwksUrl", origin + "/jwks"));
        if (tokenEndpoint != null) {
            r.put("tokenEndpoint", tokenEndpoint);
        }
        return r;
    }

    /** Registers another token endpoint with Tandem (null: none). */
    public void registerTokenEndpoint(String url) {
        HttpResponse<String> r = AdminClient.authorized().send("PUT", "/registrations/" + registrationId, registration(url));
        if (r.statusCode() != 200) {
            throw new AssertionError("PUT registration answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Removes this platform's deployments from Tandem's registration. */
    @SuppressWarnings("unchecked")
    public void unregisterDeployments() {
        AdminClient admin = AdminClient.authorized();
        for (Object d : (List<Object>) AdminClient.json(admin.send("GET", "/registrations/" + registrationId, (String) null)).get("deployments")) {
            admin.send("DELETE", "/registrations/" + registrationId + "/deployments/" + ((Map<String, Object>) d).get("id"), (String) null);
        }
    }

    public String issuer() {
        return origin + "/" + name;
    }

    public String origin() {
        return origin;
    }

    public String clientId() {
        return "tandem-at-" + name;
    }

    public String registrationId() {
        return registrationId;
    }

    public String districtName() {
        return "District of " + name;
    }

    public String districtId() {
        return districtId;
    }

    /** The LTI Advantage services: token endpoint, NRPS, AGS. */
    public PlatformServices services() {
        return services;
    }

    /** Whether launches into a section carry the NRPS and AGS claims (default true). */
    public void offerServices(boolean offer) {
        offerServices = offer;
    }

    // ---- launching

    /** The login initiation the platform sends for this person (third-party initiated login). */
    public Map<String, String> loginParameters(Person person) {
        people.put(person.sub(), person);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("iss", issuer());
        params.put("login_hint", person.sub());
        params.put("target_link_uri", Deployments.toolBase() + "/");
        params.put("client_id", clientId());
        params.put("lti_deployment_id", DEPLOYMENT_ID);
        params.put("lti_message_hint", "msg-" + person.sub());
        return params;
    }

    public static String loginUrl(Map<String, String> params) {
        return Deployments.toolBase() + "/lti/login?" + Browser.urlEncoded(params);
    }

    /** The whole launch as a browser makes it: login initiation (GET), platform authentication, form POST to Tandem. */
    public HttpResponse<String> launch(Browser browser, Person person) {
        return browser.submit(authenticate(browser, person));
    }

    public HttpResponse<String> launch(Browser browser, Person person, Consumer<Token> change) {
        nextToken(change);
        return launch(browser, person);
    }

    /** Login initiation (GET) and authentication at the platform: the form the platform auto-posts to Tandem. */
    public Browser.Form authenticate(Browser browser, Person person) {
        return authenticate(browser, browser.get(loginUrl(loginParameters(person))));
    }

    /** Follows Tandem's login redirect to this platform and returns the form the platform auto-posts to Tandem. */
    public Browser.Form authenticate(Browser browser, HttpResponse<String> loginResponse) {
        String location = loginResponse.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("login not redirected (HTTP " + loginResponse.statusCode() + "): " + loginResponse.body()));
        return Browser.form(browser.get(location));
    }

    /** Changes the next id_token this platform issues (once). */
    public void nextToken(Consumer<Token> change) {
        nextToken.set(change);
    }

    // ---- keys

    /** Publishes a new key and signs with it from now on; returns the previous one, still published until dropped. */
    public RSAKey rotateKey() {
        RSAKey previous = signingKey;
        signingKey = newKey(name + "-key-" + (published.size() + 1));
        published.add(signingKey);
        return previous;
    }

    public void dropKey(RSAKey key) {
        published.removeIf(k -> k.getKeyID().equals(key.getKeyID()));
    }

    /** While false, the JWKS URL answers 503. */
    public void jwksAvailable(boolean available) {
        jwksStatus(available ? 200 : 503);
    }

    /** The JWKS URL answers with this status (200: the key set). */
    public void jwksStatus(int status) {
        jwksStatus = status;
    }

    /** How each key is published: by default its public part; {@code k -> k} leaks the private key, as broken platforms have. */
    public void publishKeysAs(UnaryOperator<JWK> form) {
        publishedAs = form;
    }

    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id_token about to be issued; {@link TestPlatform#nextToken} hooks change it before it is signed. */
    public static final class Token {
        private final JWTClaimsSet.Builder claims;
        private JWSHeader.Builder header;
        private JWSSigner signer;

        Token(JWTClaimsSet.Builder claims, RSAKey key) {
            this.claims = claims;
            signWith(key);
        }

        public JWTClaimsSet.Builder claims() {
            return claims;
        }

        public String keyId() {
            return header.build().getKeyID();
        }

        /** RS256 with this key, named by its kid. */
        public void signWith(RSAKey key) {
            try {
                header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID());
                signer = new RSASSASigner(key);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Another algorithm and signer, keeping the kid. */
        public void signWith(JWSAlgorithm alg, JWSSigner otherSigner) {
            header = new JWSHeader.Builder(alg).keyID(keyId());
            signer = otherSigner;
        }

        /** An unsecured JWT (alg none). */
        public void unsigned() {
            signer = null;
        }

        /** A critical header parameter the receiver must understand. */
        public void critical(String parameter) {
            header.criticalParams(Set.of(parameter)).customParam(parameter, true);
        }

        String serialize() {
            if (signer == null) {
                return new PlainJWT(claims.build()).serialize();
            }
            try {
                SignedJWT jwt = new SignedJWT(header.build(), claims.build());
                jwt.sign(signer);
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- the platform's endpoints

    private void jwks(HttpExchange exchange) {
        if (jwksStatus != 200) {
            respond(exchange, jwksStatus, "text/plain", "down for maintenance");
            return;
        }
        List<JWK> keys = published.stream().map(k -> publishedAs.apply(k)).toList();
        respond(exchange, 200, "application/json", JSONObjectUtils.toJSONString(new JWKSet(keys).toJSONObject(false)));
    }

    /** OIDC authentication request (LTI Security Framework §5.1.1.2): checked, then answered with a form_post. */
    private void authenticate(HttpExchange exchange) {
        Map<String, String> q = Browser.queryOf(exchange.getRequestURI());
        String problem = problem(q);
        if (problem != null) {
            respond(exchange, 400, "text/plain", problem);
            return;
        }
        Token token = new Token(claims(people.get(q.get("login_hint")), q.get("nonce")), signingKey);
        nextToken.getAndSet(t -> { }).accept(token);
        respond(exchange, 200, "text/html; charset=utf-8",
                "<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\">"
                        + "<form method=\"post\" action=\"" + q.get("redirect_uri") + "\">"
                        + "<input type=\"hidden\" name=\"id_token\" value=\"" + token.serialize() + "\">"
                        + "<input type=\"hidden\" name=\"state\" value=\"" + q.get("state") + "\">"
                        + "</form></body></html>");
    }

    private String problem(Map<String, String> q) {
        Map<String, String> required = Map.of("scope", "openid", "response_type", "id_token", "response_mode", "form_post",
                "prompt", "none", "client_id", clientId(), "redirect_uri", Deployments.toolBase() + "/lti/launch");
        for (Map.Entry<String, String> e : required.entrySet()) {
            if (!e.getValue().equals(q.get(e.getKey()))) {
                return "invalid_request: " + e.getKey() + " must be " + e.getValue();
            }
        }
        if (blank(q.get("nonce")) || blank(q.get("state"))) {
            return "invalid_request: nonce and state are required";
        }
        return people.containsKey(q.getOrDefault("login_hint", "")) ? null : "login_required: unknown login_hint";
    }

    private JWTClaimsSet.Builder claims(Person person, String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer()).subject(person.sub()).audience(clientId())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("nonce", nonce).claim("name", person.name())
                .claim(LTI + "message_type", "LtiResourceLinkRequest").claim(LTI + "version", "1.3.0")
                .claim(LTI + "deployment_id", DEPLOYMENT_ID).claim(LTI + "target_link_uri", Deployments.toolBase() + "/")
                .claim(LTI + "resource_link", Map.of("id", "link-1", "title", "Tandem"))
                .claim(LTI + "roles", person.roles());
        if (person.section() != null) {
            claims.claim(LTI + "context", Map.of("id", person.section().id(), "title", person.section().title(), "label", "S1"));
            if (offerServices) {
                claims.claim(NRPS_CLAIM, Map.of("context_memberships_url", services.membershipsUrl(person.section()),
                        "service_versions", List.of("2.0")));
                claims.claim(AGS_CLAIM, Map.of("scope", PlatformServices.AGS_SCOPES, "lineitems", services.lineItemsUrl(person.section())));
            }
        }
        return claims;
    }

    // ---- deep linking

    /** Where Tandem posts its LtiDeepLinkingResponse; with a query string, as Moodle's has. */
    public String deepLinkReturnUrl() {
        return origin + "/deep-link-return?course=7&sesskey=s3ss&lti=1";
    }

    /** deep_linking_settings as Moodle sends them: accept_multiple as the string "false", data to echo. */
    public Map<String, Object> deepLinkingSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("deep_link_return_url", deepLinkReturnUrl());
        settings.put("accept_types", List.of("ltiResourceLink"));
        settings.put("accept_presentation_document_targets", List.of("iframe", "window"));
        settings.put("accept_multiple", "false");
        settings.put("data", "moodle-dl-" + UUID.randomUUID());
        return settings;
    }

    /** Makes the id_token an LtiDeepLinkingRequest with these settings (null: without the claim). */
    public static Consumer<Token> deepLinkingRequest(Map<String, Object> settings) {
        return t -> t.claims().claim(LTI + "message_type", "LtiDeepLinkingRequest").claim(LTI + "resource_link", null)
                .claim(DL + "deep_linking_settings", settings);
    }

    /** A deep-linking response the platform accepted: the key it was signed with, and its claims. */
    public record DeepLinkReturn(String kid, JWTClaimsSet claims) {
    }

    public List<DeepLinkReturn> deepLinkReturns() {
        return List.copyOf(deepLinkReturns);
    }

    /** The browser's auto-post of Tandem's JWT: verified with Tandem's published JWKS and checked as an LMS checks it. */
    private void deepLinkReturn(HttpExchange exchange) throws IOException {
        String jwt = Browser.decodeForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).get("JWT");
        String problem;
        JWTClaimsSet claims = null;
        String kid = null;
        try {
            SignedJWT verified = ToolJwks.verify(jwt);
            kid = verified.getHeader().getKeyID();
            claims = verified.getJWTClaimsSet();
            problem = deepLinkProblem(claims);
        } catch (IllegalArgumentException | java.text.ParseException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            respond(exchange, 400, "text/plain", "deep-linking response refused: " + problem);
            return;
        }
        deepLinkReturns.add(new DeepLinkReturn(kid, claims));
        respond(exchange, 200, "text/html; charset=utf-8", "<!DOCTYPE html><p>Content added to the course.</p>");
    }

    private String deepLinkProblem(JWTClaimsSet c) throws java.text.ParseException {
        Map<String, Object> expected = Map.of(LTI + "message_type", "LtiDeepLinkingResponse", LTI + "version", "1.3.0",
                LTI + "deployment_id", DEPLOYMENT_ID);
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            if (!e.getValue().equals(c.getClaim(e.getKey()))) {
                return e.getKey() + " must be " + e.getValue() + ", is " + c.getClaim(e.getKey());
            }
        }
        String problem = ToolJwks.claimsProblem(c, clientId(), issuer());
        if (problem != null) {
            return problem;
        }
        String nonce = c.getStringClaim("nonce");
        if (blank(nonce) || !deepLinkNonces.add(nonce)) {
            return "nonce missing or used before";
        }
        return c.getClaim(DL + "content_items") instanceof List<?> ? null : "content_items must be an array";
    }

    interface Endpoint {
        void answer(HttpExchange exchange) throws Exception;
    }

    /**
     * Any failure inside the platform becomes a 500 naming it, so that a test shows why instead of hanging up
     * (unless the client hung up first: then there is nobody to tell).
     */
    static HttpHandler handler(Endpoint endpoint) {
        return exchange -> {
            try {
                endpoint.answer(exchange);
            } catch (Exception e) {
                try {
                    respond(exchange, 500, "text/plain", "test platform failed: " + e);
                } catch (RuntimeException gone) {
                    // the client closed the connection (it gave up waiting)
                }
            } finally {
                exchange.close();
            }
        };
    }

    static void respond(HttpExchange exchange, int status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public void close() {
        RUNNING.remove(this);
        services.close();
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Stops every platform still running here. In-container tests start theirs inside the server, where the test
     * class's {@code @AfterAll} (run by the client) cannot reach them; {@link StopTestPlatforms} calls this when the
     * test deployment is undeployed, so that the platform's HTTP threads do not keep the old deployment in memory.
     */
    static void closeAll() {
        for (TestPlatform p : List.copyOf(RUNNING)) {
            p.close();
        }
    }
}
