package app.tandem.lti.application;

import app.tandem.lti.api.DeepLinkingSettings;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * Validates an LTI 1.3 id_token (LTI Core 1.3 §5.1.3 and 1EdTech Security Framework 1.0 §5.1.3): signature
 * with the platform's keys (asymmetric algorithms only), no critical headers, iss, aud/azp, exp/iat/nbf with one
 * skew, nonce, deployment, version, message type and the message's required claims. Pure: no database, no
 * HTTP beyond the given key source, so every rule has its own unit test.
 */
public final class IdTokenValidator {
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    public static final int MAX_TOKEN_LENGTH = 64 * 1024;
    public static final int MAX_SUBJECT_LENGTH = 255;

    public static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    public static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";
    public static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";
    public static final String NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    public static final String AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    public static final String DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";

    static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private static final Map<JWK, JWSVerifier> VERIFIER_CACHE = new WeakHashMap<>();

    /** What the launch must match: our registration at the platform and the nonce we issued at login. */
    public record Expected(String issuer, String clientId, String nonce, JWKSource<SecurityContext> platformKeys,
                           Predicate<String> deploymentRegistered) {
    }

    public ValidatedLaunch validate(String idToken, Expected expected, Instant now) {
        SignedJWT jwt = parse(idToken);
        verifySignature(jwt, expected.platformKeys());
        JWTClaimsSet claims = claims(jwt);

        if (!expected.issuer().equals(claims.getIssuer())) {
            throw reject(Rejection.ISSUER_MISMATCH, "iss " + claims.getIssuer() + " but registration is " + expected.issuer());
        }
        checkAudience(claims, expected.clientId());
        checkTimes(claims, now);
        if (!expected.nonce().equals(string(claims, "nonce"))) {
            throw reject(Rejection.NONCE_MISMATCH, "nonce differs from the one issued for this state");
        }
        String version = string(claims, LTI + "version");
        if (!"1.3.0".equals(version)) {
            throw reject(Rejection.WRONG_VERSION, "version " + version);
        }
        String messageType = string(claims, LTI + "message_type");
        if (!RESOURCE_LINK_REQUEST.equals(messageType) && !DEEP_LINKING_REQUEST.equals(messageType)) {
            throw reject(Rejection.UNSUPPORTED_MESSAGE_TYPE, "message_type " + messageType);
        }
        String deploymentId = string(claims, LTI + "deployment_id");
        if (deploymentId == null || deploymentId.isBlank()) {
            throw reject(Rejection.MISSING_DEPLOYMENT, "no deployment_id claim");
        }
        if (!expected.deploymentRegistered().test(deploymentId)) {
            throw reject(Rejection.UNKNOWN_DEPLOYMENT, "deployment_id " + deploymentId + " not registered");
        }
        Object roles = claims.getClaim(LTI + "roles");
        if (!(roles instanceof List<?> roleList)) {
            throw reject(Rejection.ROLES_NOT_ARRAY, "roles claim is " + (roles == null ? "missing" : "not an array"));
        }
        Map<String, Object> resourceLink = object(claims, LTI + "resource_link");
        String resourceLinkId = resourceLink == null ? null : asString(resourceLink.get("id"));
        if (RESOURCE_LINK_REQUEST.equals(messageType) && (resourceLinkId == null || resourceLinkId.isBlank())) {
            throw reject(Rejection.MISSING_RESOURCE_LINK, "no resource_link.id");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw reject(Rejection.MISSING_SUBJECT, "anonymous launch (no sub)");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw reject(Rejection.SUBJECT_TOO_LONG, "sub has " + subject.length() + " characters");
        }

        DeepLinkingSettings deepLinking = DEEP_LINKING_REQUEST.equals(messageType) ? deepLinkingSettings(claims) : null;

        Map<String, Object> context = object(claims, LTI + "context");
        Map<String, Object> presentation = object(claims, LTI + "launch_presentation");
        Map<String, Object> platform = object(claims, LTI + "tool_platform");
        Map<String, Object> custom = object(claims, LTI + "custom");
        Map<String, Object> nrps = object(claims, NRPS_CLAIM);
        Map<String, Object> ags = object(claims, AGS_CLAIM);
        return new ValidatedLaunch(
                claims.getIssuer(), expected.clientId(), deploymentId, messageType, subject,
                string(claims, "name"), string(claims, "given_name"), string(claims, "family_name"), string(claims, "email"),
                roleList.stream().filter(String.class::isInstance).map(String.class::cast).toList(),
                context == null ? null : asString(context.get("id")),
                context == null ? null : asString(context.get("title")),
                context == null ? null : asString(context.get("label")),
                resourceLinkId,
                string(claims, LTI + "target_link_uri"),
                presentation == null ? null : asString(presentation.get("return_url")),
                platform == null ? null : asString(platform.get("guid")),
                CustomParameters.clean(custom),
                deepLinking,
                nrps == null ? null : httpUrl(nrps.get("context_memberships_url")),
                ags == null ? null : httpUrl(ags.get("lineitems")),
                ags == null ? List.of() : strings(ags.get("scope")),
                claims.getIssueTime().toInstant(),
                claims.getExpirationTime().toInstant());
    }

    /** Deep Linking 2.0 §4.4: deep_link_return_url and accept_types are required; Moodle sends booleans as strings. */
    private static DeepLinkingSettings deepLinkingSettings(JWTClaimsSet claims) {
        Map<String, Object> s = object(claims, DL_SETTINGS);
        if (s == null) {
            throw reject(Rejection.DEEP_LINKING_SETTINGS, "no deep_linking_settings claim");
        }
        String returnUrl = asString(s.get("deep_link_return_url"));
        if (returnUrl == null || Origins.of(returnUrl) == null) {
            throw reject(Rejection.DEEP_LINKING_SETTINGS, "deep_link_return_url missing or not an http(s) URL");
        }
        List<String> acceptTypes = strings(s.get("accept_types"));
        if (!acceptTypes.contains(DeepLinkingSettings.LTI_RESOURCE_LINK)) {
            throw reject(Rejection.DEEP_LINKING_TYPES, "accept_types " + acceptTypes);
        }
        Object multiple = s.get("accept_multiple");
        boolean acceptMultiple = multiple instanceof Boolean b ? b : multiple != null && "true".equalsIgnoreCase(String.valueOf(multiple).strip());
        return new DeepLinkingSettings(returnUrl, acceptTypes, strings(s.get("accept_presentation_document_targets")),
                acceptMultiple, asString(s.get("data")), asString(s.get("title")), asString(s.get("text")));
    }

    /** A service URL from a claim, or null when it is not an absolute http(s) URL (ignored rather than fatal). */
    private static String httpUrl(Object value) {
        String s = asString(value);
        return s != null && s.length() <= 1000 && Origins.of(s) != null ? s : null;
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return value instanceof String s ? List.of(s.split("\\s*,\\s*")) : List.of();
    }

    private static SignedJWT parse(String idToken) {
        if (idToken == null || idToken.isBlank()) {
            throw reject(Rejection.MISSING_ID_TOKEN, "no id_token parameter");
        }
        if (idToken.length() > MAX_TOKEN_LENGTH) {
            throw reject(Rejection.TOKEN_TOO_LARGE, "id_token has " + idToken.length() + " characters");
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw reject(Rejection.MALFORMED_TOKEN, "not a JWT: " + e.getMessage());
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            // unsigned (alg none) or encrypted: never accepted
            throw reject(Rejection.UNSUPPORTED_ALGORITHM, "alg " + parsed.getHeader().getAlgorithm());
        }
        JWSHeader header = jwt.getHeader();
        if (!ACCEPTED_ALGORITHMS.contains(header.getAlgorithm())) {
            throw reject(Rejection.UNSUPPORTED_ALGORITHM, "alg " + header.getAlgorithm());
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw reject(Rejection.CRITICAL_HEADER, "crit " + header.getCriticalParams());
        }
        return jwt;
    }

    private static void verifySignature(SignedJWT jwt, JWKSource<SecurityContext> keys) {
        JWSHeader header = jwt.getHeader();
        List<JWK> candidates;
        try {
            candidates = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
        } catch (RateLimitReachedException e) {
            throw reject(Rejection.UNKNOWN_KEY, "kid " + header.getKeyID() + " unknown and JWKS refetched too recently");
        } catch (KeySourceException e) {
            throw reject(Rejection.JWKS_UNAVAILABLE, "platform JWKS: " + e.getMessage());
        }
        if (candidates == null || candidates.isEmpty()) {
            throw reject(Rejection.UNKNOWN_KEY, "no platform key for kid " + header.getKeyID() + " and alg " + header.getAlgorithm());
        }
        for (JWK key : candidates) {
            JWSVerifier verifier = verifier(key);
            try {
                if (verifier != null && jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException e) {
                // unusable key for this algorithm: try the next one
            }
        }
        throw reject(Rejection.BAD_SIGNATURE, "signature does not verify with kid " + header.getKeyID());
    }

    /**
     * One verifier per platform key, reused across launches (building the public key from the JWK is a good part
     * of a verification). Weak keys: when a refreshed JWKS replaces a key, its verifier goes with it.
     */
    private static JWSVerifier verifier(JWK key) {
        synchronized (VERIFIER_CACHE) {
            JWSVerifier cached = VERIFIER_CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        JWSVerifier created;
        try {
            if (key instanceof RSAKey rsa) {
                created = new RSASSAVerifier(rsa);
            } else if (key instanceof ECKey ec) {
                created = new ECDSAVerifier(ec);
            } else {
                return null;
            }
        } catch (JOSEException e) {
            return null;
        }
        synchronized (VERIFIER_CACHE) {
            VERIFIER_CACHE.put(key, created);
        }
        return created;
    }

    /**
     * The claims of a token whose signature was verified. The payload is decoded with the JDK's Base64: Nimbus's
     * constant-time decoder guards secrets, and this payload is public and already authenticated.
     */
    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(jwt.getParsedParts()[1].toString()), StandardCharsets.UTF_8);
            return JWTClaimsSet.parse(payload);
        } catch (ParseException | IllegalArgumentException e) {
            throw reject(Rejection.MALFORMED_TOKEN, "payload is not a JSON claims set");
        }
    }

    private static void checkAudience(JWTClaimsSet claims, String clientId) {
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(clientId)) {
            throw reject(Rejection.AUDIENCE_MISMATCH, "aud " + aud + " lacks client_id " + clientId);
        }
        String azp = string(claims, "azp");
        if (aud.size() > 1 && azp == null) {
            throw reject(Rejection.AZP_MISSING, "several audiences " + aud + " and no azp");
        }
        if (azp != null && !azp.equals(clientId)) {
            throw reject(Rejection.AZP_MISMATCH, "azp " + azp);
        }
    }

    private static void checkTimes(JWTClaimsSet claims, Instant now) {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw reject(Rejection.MISSING_EXP, "no exp");
        }
        if (now.minus(CLOCK_SKEW).isAfter(exp.toInstant())) {
            throw reject(Rejection.EXPIRED, "exp " + exp.toInstant() + " before now " + now);
        }
        Date iat = claims.getIssueTime();
        if (iat == null) {
            throw reject(Rejection.MISSING_IAT, "no iat");
        }
        if (iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw reject(Rejection.ISSUED_IN_FUTURE, "iat " + iat.toInstant() + " after now " + now);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw reject(Rejection.NOT_YET_VALID, "nbf " + nbf.toInstant());
        }
    }

    private static String string(JWTClaimsSet claims, String name) {
        return asString(claims.getClaim(name));
    }

    private static String asString(Object value) {
        return value instanceof String s ? s : value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static LaunchRejectedException reject(Rejection reason, String detail) {
        return new LaunchRejectedException(reason, detail);
    }
}
