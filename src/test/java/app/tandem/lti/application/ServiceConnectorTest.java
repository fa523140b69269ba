package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.lti.api.PlatformServiceException;
import app.tandem.lti.domain.PlatformRegistrationEntity;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens by client credentials with a signed assertion, caching, 401 retry and platform failures, against a real HTTP server. */
class ServiceConnectorTest {
    private static final String SCOPE = ToolConfiguration.SCOPE_NRPS;

    private HttpServer server;
    private String base;
    private RSAKey toolKey;
    private ServiceConnector connector;
    private PlatformRegistrationEntity reg;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int expiresIn = 3600;
    private volatile int unauthorizedAnswers;

    @BeforeEach
    void start() throws Exception {
        toolKey = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyID("tool-1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/service", this::service);
        server.createContext("/broken", ex -> answer(ex, 200, "{not json"));
        server.createContext("/refuse", ex -> answer(ex, 403, "{\"error\":\"forbidden\",\"error_description\":\"scope not enabled\"}"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        connector = new ServiceConnector();
        connector.toolKeys = new ToolKeys() {
            @Override
            public RSAKey signingKey() {
                return toolKey;
            }
        };
        reg = new PlatformRegistrationEntity();
        reg.id = "reg-1";
        reg.issuer = "https://lms.example";
        reg.clientId = "client-9";
        reg.tokenEndpoint = base + "/token";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void getsATokenWithASignedClientAssertionAndReusesIt() throws Exception {
        call();
        call();
        assertThat(tokensIssued).hasValue(1);
        Map<String, String> form = tokenRequests.get(0);
        assertThat(form).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .containsEntry("scope", SCOPE);
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertThat(assertion.verify(new RSASSAVerifier(toolKey.toPublicJWK()))).isTrue();
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("tool-1");
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("client-9");
        assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo("client-9");
        assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(base + "/token");
        assertThat(assertion.getJWTClaimsSet().getJWTID()).isNotBlank();
        assertThat(authorizations).allMatch(a -> a.equals("Bearer token-1"));
    }

    @Test
    void theAdvertisedAudienceWinsOverTheTokenEndpoint() throws Exception {
        reg.tokenAudience = "https://lms.example/oauth2/token";
        call();
        assertThat(SignedJWT.parse(tokenRequests.get(0).get("client_assertion")).getJWTClaimsSet().getAudience())
                .containsExactly("https://lms.example/oauth2/token");
    }

    @Test
    void aTokenAboutToExpireIsRenewed() {
        expiresIn = 30; // inside the 60 s margin
        call();
        call();
        assertThat(tokensIssued).hasValue(2);
    }

    @Test
    void a401IsRetriedOnceWithAFreshToken() {
        unauthorizedAnswers = 1;
        ServiceConnector.Answer answer = call();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(tokensIssued).hasValue(2);
        assertThat(authorizations).containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void aSecond401IsARefusal() {
        unauthorizedAnswers = 2;
        assertThatThrownBy(this::call).isInstanceOfSatisfying(PlatformServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformServiceException.Kind.REFUSED));
    }

    @Test
    void platformErrorsAndMalformedAnswersAreExplained() {
        assertThatThrownBy(() -> connector.call(reg, Set.of(SCOPE), ServiceConnector.request(base + "/refuse", "application/json").GET()))
                .isInstanceOfSatisfying(PlatformServiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PlatformServiceException.Kind.REFUSED);
                    assertThat(e.platformStatus()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("HTTP 403").contains("scope not enabled");
                });
        ServiceConnector.Answer broken = connector.call(reg, Set.of(SCOPE), ServiceConnector.request(base + "/broken", "application/json").GET());
        assertThatThrownBy(broken::json).isInstanceOfSatisfying(PlatformServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformServiceException.Kind.MALFORMED));
    }

    @Test
    void unreachablePlatformAndMissingTokenEndpoint() {
        server.stop(0);
        assertThatThrownBy(this::call).isInstanceOfSatisfying(PlatformServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformServiceException.Kind.UNREACHABLE));
        reg.tokenEndpoint = null;
        assertThatThrownBy(this::call).isInstanceOfSatisfying(PlatformServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(PlatformServiceException.Kind.NOT_OFFERED));
    }

    private ServiceConnector.Answer call() {
        return connector.call(reg, Set.of(SCOPE), ServiceConnector.request(base + "/service", "application/json").GET());
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        tokenRequests.add(form);
        int n = tokensIssued.incrementAndGet();
        answer(ex, 200, "{\"access_token\":\"token-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
    }

    private void service(HttpExchange ex) throws IOException {
        authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
        if (ex.getRequestHeaders().getFirst("User-Agent") == null || !ex.getRequestHeaders().getFirst("User-Agent").startsWith("Tandem")) {
            answer(ex, 400, "{\"error\":\"user agent required\"}");
            return;
        }
        if (unauthorizedAnswers > 0) {
            unauthorizedAnswers--;
            answer(ex, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        answer(ex, 200, "{\"ok\":true}");
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
