package app.tandem.lti.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Test-side id_tokens: a platform with RSA and EC keys, and a builder that starts from a launch that passes every
 * check of {@link IdTokenValidator}, so that a test changes exactly the one thing its rule is about.
 */
final class IdTokens {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final String ISSUER = "https://lms.example.edu";
    static final String CLIENT_ID = "tandem-client-1";
    static final String NONCE = "nonce-issued-at-login";
    static final String DEPLOYMENT_ID = "deployment-1";
    static final String LTI = IdTokenValidator.LTI;
    static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

    /** The platform's keys, published in its JWKS (no "alg" on the RSA key, so it serves RS256 and PS256). */
    static final RSAKey PLATFORM_RSA = rsa("platform-rsa");
    static final ECKey PLATFORM_EC = ec("platform-ec");
    /** Someone else's key that claims the platform's kid. */
    static final RSAKey IMPOSTER_RSA = rsa(PLATFORM_RSA.getKeyID());

    private IdTokens() {
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWKSource<SecurityContext> platformJwks() {
        return new ImmutableJWKSet<>(new JWKSet(List.of(PLATFORM_RSA.toPublicJWK(), PLATFORM_EC.toPublicJWK())));
    }

    /** What Tandem expects for the registration: the platform's JWKS and one registered deployment. */
    static IdTokenValidator.Expected expected() {
        return expected(platformJwks(), DEPLOYMENT_ID::equals);
    }

    static IdTokenValidator.Expected expected(JWKSource<SecurityContext> keys, Predicate<String> deploymentRegistered) {
        return new IdTokenValidator.Expected(ISSUER, CLIENT_ID, NONCE, keys, deploymentRegistered);
    }

    static Token token() {
        return new Token();
    }

    /** Joins base64url-encoded parts by hand, for tokens no signer would produce. */
    static String compact(String headerJson, String payloadJson, byte[] signature) {
        return Base64URL.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(payloadJson.getBytes(StandardCharsets.UTF_8)) + "."
                + (signature.length == 0 ? "" : Base64URL.encode(signature).toString());
    }

    /** Builder of a signed id_token; defaults to a valid LtiResourceLinkRequest signed RS256 by the platform. */
    static final class Token {
        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-42")
                .audience(CLIENT_ID)
                .expirationTime(Date.from(NOW.plusSeconds(300)))
                .issueTime(Date.from(NOW.minusSeconds(5)))
                .claim("nonce", NONCE)
                .claim("name", "Ada Lovelace")
                .claim("given_name", "Ada")
                .claim("family_name", "Lovelace")
                .claim("email", "ada@example.edu")
                .claim(LTI + "version", "1.3.0")
                .claim(LTI + "message_type", IdTokenValidator.RESOURCE_LINK_REQUEST)
                .claim(LTI + "deployment_id", DEPLOYMENT_ID)
                .claim(LTI + "roles", List.of(INSTRUCTOR))
                .claim(LTI + "resource_link", Map.of("id", "link-7", "title", "Unit 1"))
                .claim(LTI + "context", Map.of("id", "course-9", "title", "Algebra I", "label", "ALG1"))
                .claim(LTI + "target_link_uri", "https://tool.example/tandem/lti/launch");
        private JWK key = PLATFORM_RSA;
        private JWSAlgorithm alg = JWSAlgorithm.RS256;
        private String kid = PLATFORM_RSA.getKeyID();
        private Set<String> crit;

        /** Sets a claim; null removes it. */
        Token claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        /** Sets an LTI claim (https://purl.imsglobal.org/spec/lti/claim/NAME); null removes it. */
        Token lti(String name, Object value) {
            return claim(LTI + name, value);
        }

        Token without(String name) {
            return claim(name, null);
        }

        /** aud as a JSON string. */
        Token aud(String audience) {
            claims.audience(audience);
            return this;
        }

        /** aud as a JSON array (Nimbus writes a one-element list as a string, so give two or more). */
        Token audArray(String... audiences) {
            claims.audience(Arrays.asList(audiences));
            return this;
        }

        Token exp(Instant t) {
            claims.expirationTime(Date.from(t));
            return this;
        }

        Token iat(Instant t) {
            claims.issueTime(Date.from(t));
            return this;
        }

        Token nbf(Instant t) {
            claims.notBeforeTime(Date.from(t));
            return this;
        }

        /** Signs with this key, its kid and the given algorithm. */
        Token signedWith(JWK signingKey, JWSAlgorithm algorithm) {
            this.key = signingKey;
            this.alg = algorithm;
            this.kid = signingKey.getKeyID();
            return this;
        }

        Token kid(String keyId) {
            this.kid = keyId;
            return this;
        }

        Token crit(String... params) {
            this.crit = Set.of(params);
            return this;
        }

        JWTClaimsSet claimsSet() {
            return claims.build();
        }

        String sign() {
            return sign(claims.build().toString());
        }

        /** Signs an arbitrary payload (for payloads that are not a claims set). */
        String sign(String payload) {
            JWSHeader.Builder header = new JWSHeader.Builder(alg).keyID(kid);
            if (crit != null) {
                header.criticalParams(crit);
            }
            try {
                JWSSigner signer = key instanceof ECKey ecKey ? new ECDSASigner(ecKey) : new RSASSASigner((RSAKey) key);
                JWSObject jws = new JWSObject(header.build(), new Payload(payload));
                jws.sign(signer);
                return jws.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
