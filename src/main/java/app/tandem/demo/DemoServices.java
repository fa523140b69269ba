package app.tandem.demo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo platform's LTI Advantage services: an OAuth2 token endpoint that accepts Tandem's JWT client
 * assertions (verified with Tandem's published JWKS), NRPS memberships with Moodle-style paging (limit/from and
 * Link rel="next"), and AGS line items, scores and results kept in memory.
 */
@ApplicationScoped
public class DemoServices {
    static final int PAGE_SIZE = 3;

    @Inject
    DemoPlatform platform;

    private volatile JWKSource<SecurityContext> toolKeys;
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Map<String, JsonObject>> lineItems = new ConcurrentHashMap<>();
    private final Map<String, Map<String, JsonObject>> scores = new ConcurrentHashMap<>();

    /** Checks a client_credentials request; returns the token response or throws IllegalArgumentException. */
    JsonObject token(String grantType, String assertionType, String assertion, String scope) {
        if (!"client_credentials".equals(grantType)
                || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(assertionType) || assertion == null) {
            throw new IllegalArgumentException("unsupported_grant_type");
        }
        try {
            if (toolKeys == null) {
                toolKeys = JWKSourceBuilder.create(URI.create(platform.toolUrl("/.well-known/jwks.json")).toURL()).build();
            }
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, toolKeys));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(platform.url("/demo/token"),
                    new JWTClaimsSet.Builder().issuer(DemoData.CLIENT_ID).subject(DemoData.CLIENT_ID).build(),
                    Set.of("exp", "iat", "jti")));
            processor.process(assertion, null);
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid_client");
        }
        String token = "demo-at-" + UUID.randomUUID();
        accessTokens.put(token, Instant.now().plusSeconds(3600));
        return Json.createObjectBuilder().add("access_token", token).add("token_type", "Bearer").add("expires_in", 3600)
                .add("scope", scope == null ? "" : scope).build();
    }

    boolean authorized(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = accessTokens.get(authorization.substring(7).strip());
        return expiry != null && expiry.isAfter(Instant.now());
    }

    /** One page of a course's memberships and the URL of the next page, if any. */
    record Page(JsonObject body, String next) {
    }

    Page memberships(DemoData.Course course, int from, String role) {
        List<Map.Entry<DemoData.Person, String>> all = DemoData.roster(course).stream()
                .filter(e -> role == null || e.getValue().equals(role)).toList();
        JsonArrayBuilder members = Json.createArrayBuilder();
        int end = Math.min(all.size(), from + PAGE_SIZE);
        for (int i = Math.max(0, from); i < end; i++) {
            DemoData.Person p = all.get(i).getKey();
            members.add(Json.createObjectBuilder().add("status", "Active").add("user_id", "demo-user-" + p.id())
                    .add("name", p.name()).add("given_name", p.givenName()).add("family_name", p.familyName())
                    .add("email", p.email()).add("roles", Json.createArrayBuilder().add(all.get(i).getValue())));
        }
        JsonObject body = Json.createObjectBuilder()
                .add("id", platform.url("/demo/nrps/" + course.id()))
                .add("context", Json.createObjectBuilder().add("id", "demo-course-" + course.id()).add("label", course.label()).add("title", course.title()))
                .add("members", members).build();
        String next = end < all.size() ? platform.url("/demo/nrps/" + course.id() + "?limit=" + PAGE_SIZE + "&from=" + end) : null;
        return new Page(body, next);
    }

    List<JsonObject> lineItems(String courseId) {
        return new ArrayList<>(lineItems.getOrDefault(courseId, Map.of()).values());
    }

    JsonObject lineItem(String courseId, String id) {
        return lineItems.getOrDefault(courseId, Map.of()).get(id);
    }

    JsonObject saveLineItem(String courseId, String id, String body) {
        JsonObject in = read(body);
        if (!in.containsKey("label") || !in.containsKey("scoreMaximum")) {
            throw new IllegalArgumentException("label and scoreMaximum are required");
        }
        String itemId = id == null ? UUID.randomUUID().toString().substring(0, 8) : id;
        JsonObjectBuilder b = Json.createObjectBuilder(in)
                .add("id", platform.url("/demo/ags/" + courseId + "/lineitems/" + itemId + "?type_id=1"));
        JsonObject saved = b.build();
        lineItems.computeIfAbsent(courseId, k -> new ConcurrentHashMap<>()).put(itemId, saved);
        return saved;
    }

    boolean deleteLineItem(String courseId, String id) {
        return lineItems.getOrDefault(courseId, Map.of()).remove(id) != null;
    }

    void score(String courseId, String id, String body) {
        JsonObject in = read(body);
        if (!in.containsKey("userId") || !in.containsKey("timestamp") || !in.containsKey("activityProgress") || !in.containsKey("gradingProgress")) {
            throw new IllegalArgumentException("userId, timestamp, activityProgress and gradingProgress are required");
        }
        scores.computeIfAbsent(courseId + "/" + id, k -> new ConcurrentHashMap<>()).put(in.getString("userId"), in);
    }

    List<JsonObject> results(String courseId, String id) {
        List<JsonObject> out = new ArrayList<>();
        scores.getOrDefault(courseId + "/" + id, Map.of()).forEach((user, s) -> {
            JsonObjectBuilder r = Json.createObjectBuilder().add("id", platform.url("/demo/ags/" + courseId + "/lineitems/" + id + "/results/" + user))
                    .add("scoreOf", platform.url("/demo/ags/" + courseId + "/lineitems/" + id)).add("userId", user);
            if (s.containsKey("scoreGiven")) {
                r.add("resultScore", s.getJsonNumber("scoreGiven")).add("resultMaximum", s.getJsonNumber("scoreMaximum"));
            }
            if (s.containsKey("comment")) {
                r.add("comment", s.getString("comment"));
            }
            out.add(r.build());
        });
        return out;
    }

    private static JsonObject read(String body) {
        try (JsonReader r = Json.createReader(new StringReader(body == null ? "" : body))) {
            return r.readObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
    }
}
