package app.tandem.lti.application;

import app.tandem.common.HttpClients;
import app.tandem.common.Tokens;
import app.tandem.lti.api.PlatformServiceException;
import app.tandem.lti.api.PlatformServiceException.Kind;
import app.tandem.lti.domain.PlatformRegistrationEntity;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Calls LTI Advantage services for Tandem: gets OAuth2 access tokens by client_credentials with an RFC 7523 JWT
 * client assertion signed by the tool key (1EdTech Security Framework §4.1), caches them per (registration,
 * scopes) until shortly before they expire, sends the request with the token and a User-Agent (Canvas requires
 * one), and retries once with a fresh token when the platform answers 401. Timeouts, platform errors and
 * malformed JSON become {@link PlatformServiceException}s.
 */
@ApplicationScoped
public class ServiceConnector {
    private static final Logger LOG = Logger.getLogger(ServiceConnector.class.getName());
    public static final String USER_AGENT = "Tandem-LTI-Tool/0.1 (+https://github.com/tandem)";
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    private static final int MAX_BODY = 8 * 1024 * 1024;

    @Inject
    ToolKeys toolKeys;

    private final HttpClient http = HttpClients.build(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER));
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    private record CachedToken(String value, Instant expiresAt) {
    }

    /** A platform answer: status, body and headers of interest. */
    public record Answer(int status, String body, HttpResponse<String> raw) {
        public JsonValue json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.readValue();
            } catch (RuntimeException e) {
                throw new PlatformServiceException(Kind.MALFORMED, "The LMS answered with something that is not JSON.", status);
            }
        }
    }

    /**
     * Sends {@code request} (without Authorization; this adds it) to a service of {@code reg} needing {@code scopes}.
     * A 401 is retried once with a new token; any other non-2xx status raises REFUSED.
     */
    public Answer call(PlatformRegistrationEntity reg, Set<String> scopes, HttpRequest.Builder request) {
        String token = token(reg, scopes, false);
        HttpResponse<String> response = send(request.copy().header("Authorization", "Bearer " + token));
        if (response.statusCode() == 401) {
            token = token(reg, scopes, true);
            response = send(request.copy().header("Authorization", "Bearer " + token));
        }
        if (response.statusCode() / 100 != 2) {
            throw new PlatformServiceException(Kind.REFUSED,
                    "The LMS refused the request (HTTP " + response.statusCode() + ")" + platformError(response.body()) + ".",
                    response.statusCode());
        }
        return new Answer(response.statusCode(), response.body(), response);
    }

    /** A bare request builder with the headers every platform call carries. */
    public static HttpRequest.Builder request(String url, String accept) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("User-Agent", USER_AGENT).header("Accept", accept);
    }

    String token(PlatformRegistrationEntity reg, Set<String> scopes, boolean forceNew) {
        if (reg.tokenEndpoint == null || reg.tokenEndpoint.isBlank()) {
            throw new PlatformServiceException(Kind.NOT_OFFERED, "The LMS registration has no token endpoint, so Tandem cannot call its services.", 0);
        }
        String scope = String.join(" ", new TreeSet<>(scopes));
        String key = reg.id + "|" + reg.clientId + "|" + scope;
        CachedToken cached = tokens.get(key);
        if (!forceNew && cached != null && Instant.now().plus(EXPIRY_MARGIN).isBefore(cached.expiresAt())) {
            return cached.value();
        }
        String form = "grant_type=client_credentials"
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(clientAssertion(reg))
                + "&scope=" + enc(scope);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(reg.tokenEndpoint)).timeout(TIMEOUT)
                .header("User-Agent", USER_AGENT).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() / 100 != 2) {
            LOG.info(() -> "token endpoint of " + reg.issuer + " refused client " + reg.clientId + ": HTTP " + response.statusCode());
            throw new PlatformServiceException(Kind.REFUSED, "The LMS did not grant Tandem access to its services (HTTP "
                    + response.statusCode() + ")" + platformError(response.body()) + ". Check that the tool's scopes are enabled in the LMS.",
                    response.statusCode());
        }
        JsonValue json = new Answer(response.statusCode(), response.body(), response).json();
        if (json.getValueType() != JsonValue.ValueType.OBJECT
                || !(json.asJsonObject().get("access_token") instanceof jakarta.json.JsonString)) {
            throw new PlatformServiceException(Kind.MALFORMED, "The LMS's token answer has no access_token.", response.statusCode());
        }
        JsonObject o = json.asJsonObject();
        long expiresIn = o.containsKey("expires_in") && o.get("expires_in").getValueType() == JsonValue.ValueType.NUMBER
                ? o.getJsonNumber("expires_in").longValue() : 3600;
        CachedToken fresh = new CachedToken(o.getString("access_token"), Instant.now().plusSeconds(expiresIn));
        tokens.put(key, fresh);
        return fresh.value();
    }

    /** Forgets cached tokens (keys rotated, registration changed). */
    public void clearTokens() {
        tokens.clear();
    }

    private String clientAssertion(PlatformRegistrationEntity reg) {
        RSAKey key = toolKeys.signingKey();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(reg.clientId)
                .subject(reg.clientId)
                .audience(reg.tokenAudience != null && !reg.tokenAudience.isBlank() ? reg.tokenAudience : reg.tokenEndpoint)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(Tokens.random(16))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a client assertion", e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.body() != null && response.body().length() > MAX_BODY) {
                throw new PlatformServiceException(Kind.MALFORMED, "The LMS's answer is too large.", response.statusCode());
            }
            return response;
        } catch (HttpTimeoutException e) {
            throw new PlatformServiceException(Kind.UNREACHABLE, "The LMS did not answer in time (" + built.uri().getHost() + ").", 0);
        } catch (IOException e) {
            throw new PlatformServiceException(Kind.UNREACHABLE, "Tandem could not reach the LMS at " + built.uri().getHost() + ".", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformServiceException(Kind.UNREACHABLE, "The call to the LMS was interrupted.", 0);
        }
    }

    /** The platform's own error text, bounded, for the message shown to people. */
    private static String platformError(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try (JsonReader r = Json.createReader(new StringReader(body))) {
            JsonObject o = r.readObject();
            String text = o.containsKey("error_description") ? o.get("error_description").toString()
                    : o.containsKey("error") ? o.get("error").toString() : null;
            return text == null ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text).replace("\"", "");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
