package app.tandem.bench;

import app.tandem.lti.application.IdTokenValidator;
import app.tandem.lti.application.StateTokens;
import app.tandem.lti.application.ToolKeys;
import app.tandem.lti.application.ValidatedLaunch;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Budget: id_token validation at least 15,000/s on one core (docs/benchmarks.md). Run single-threaded (-t 1).
 *
 * <ul>
 *   <li>{@code validate}: {@link IdTokenValidator#validate} end to end on a ~2.9 KB RS256 (RSA-2048) LTI id_token
 *       (-p token=canvas: ~5 KB),
 *       the platform JWKS holding two keys (current and next) in an {@link ImmutableJWKSet}.</li>
 *   <li>{@code rsaVerifyRaw}: only the JCA SHA256withRSA verification of the same signing input: the floor.</li>
 *   <li>{@code parseOnly}: SignedJWT.parse + claims JSON parse, no signature: what Nimbus costs around the RSA.</li>
 *   <li>{@code stateVerify} / {@code stateSign}: the HS256 OIDC state token ({@link StateTokens}).</li>
 * </ul>
 * Two variants measure what a change to the validator would gain (they are not how Tandem validates):
 * <ul>
 *   <li>{@code parseJdkBase64}: like parseOnly, but the payload is decoded with java.util.Base64 rather than
 *       Nimbus's constant-time Base64Codec (the payload is public: no side channel to guard).</li>
 *   <li>{@code verifyCachedVerifier}: parse + RSA verification with an RSASSAVerifier built once per platform key,
 *       instead of selecting the key from the JWKS, converting the JWK and building a verifier per token.</li>
 *   <li>{@code validateSketch}: both changes together plus the validator's claim checks, a sketch of a faster
 *       validator (not Tandem's code): what {@code validate} could reach.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IdTokenValidationBenchmark {
    static final String ISSUER = "https://susd.instructure.example";
    static final String CLIENT_ID = "10000000000042";
    static final String DEPLOYMENT_ID = "17:8bc2e2b1f2a9e0c5d6a7b8c9d0e1f2a3b4c5d6e7";

    /** typical: the usual claims, ~2.9 KB; canvas: with Canvas's extras, ~5 KB. */
    @Param({"typical"})
    public String token;

    String idToken;
    IdTokenValidator validator;
    IdTokenValidator.Expected expected;
    Instant now;

    byte[] signingInput;
    byte[] signature;
    RSAPublicKey publicKey;

    RSASSAVerifier cachedVerifier;
    java.util.Map<String, RSASSAVerifier> verifiersByKid;

    StateTokens stateTokens;
    StateTokens.LoginState loginState;
    String state;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        now = Instant.now();
        RSAKey current = LtiTokens.newKey("platform-2026-09");
        RSAKey next = LtiTokens.newKey("platform-2026-12");
        String nonce = "n-0S6_WzA2Mj";
        JWTClaimsSet claims = LtiTokens.claims(ISSUER, CLIENT_ID, DEPLOYMENT_ID, nonce,
                "https://tandem.example.org/app/home", LtiTokens.person(1234, 40), now, "canvas".equals(token));
        idToken = LtiTokens.sign(current, claims);
        validator = new IdTokenValidator();
        expected = new IdTokenValidator.Expected(ISSUER, CLIENT_ID, nonce,
                new ImmutableJWKSet<>(new JWKSet(List.of(current.toPublicJWK(), next.toPublicJWK()))),
                DEPLOYMENT_ID::equals);
        ValidatedLaunch check = validator.validate(idToken, expected, now);
        if (!check.subject().equals(claims.getSubject())) {
            throw new IllegalStateException("validator returned another subject");
        }

        int lastDot = idToken.lastIndexOf('.');
        signingInput = idToken.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(idToken.substring(lastDot + 1));
        publicKey = current.toRSAPublicKey();
        cachedVerifier = new RSASSAVerifier(current.toPublicJWK());
        verifiersByKid = new java.util.concurrent.ConcurrentHashMap<>(java.util.Map.of(
                current.getKeyID(), cachedVerifier, next.getKeyID(), new RSASSAVerifier(next.toPublicJWK())));
        if (!rsaVerifyRaw()) {
            throw new IllegalStateException("raw verification failed");
        }
        if (!validateSketch().equals(claims.getSubject())) {
            throw new IllegalStateException("sketch failed");
        }

        OctetSequenceKey hmac = new OctetSequenceKeyGenerator(256).keyID("state-1").generate();
        stateTokens = new StateTokens();
        Field keys = StateTokens.class.getDeclaredField("toolKeys");
        keys.setAccessible(true);
        keys.set(stateTokens, new ToolKeys() {
            @Override
            public OctetSequenceKey stateKey() {
                return hmac;
            }

            @Override
            public OctetSequenceKey stateKey(String kid) {
                return hmac;
            }
        });
        loginState = stateTokens.newState("0b7c6a2e-5d1f-4a8b-9c3e-2f1a0b9c8d7e", ISSUER, CLIENT_ID, DEPLOYMENT_ID,
                "https://tandem.example.org/app/home", "1234", "eyJjb3Vyc2UiOiIxMDAwMSJ9", now);
        state = stateTokens.sign(loginState);
        if (!stateTokens.verify(state, now).nonce().equals(loginState.nonce())) {
            throw new IllegalStateException("state round trip failed");
        }
        System.out.println("\nid_token (" + token + "): " + idToken.length() + " characters (payload JSON "
                + claims.toString().length() + " characters); state token: " + state.length() + " characters");
    }

    @Benchmark
    public ValidatedLaunch validate() {
        return validator.validate(idToken, expected, now);
    }

    @Benchmark
    public boolean rsaVerifyRaw() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }

    @Benchmark
    public JWTClaimsSet parseOnly() throws ParseException {
        return SignedJWT.parse(idToken).getJWTClaimsSet();
    }

    @Benchmark
    public JWTClaimsSet parseJdkBase64() throws ParseException {
        SignedJWT jwt = SignedJWT.parse(idToken);
        String payload = new String(Base64.getUrlDecoder().decode(jwt.getParsedParts()[1].toString()), StandardCharsets.UTF_8);
        return JWTClaimsSet.parse(payload);
    }

    @Benchmark
    public boolean verifyCachedVerifier() throws ParseException, JOSEException {
        return SignedJWT.parse(idToken).verify(cachedVerifier);
    }

    /** A sketch of the validator with both changes: verifier cached by kid, payload decoded with java.util.Base64. */
    @Benchmark
    public String validateSketch() throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(idToken);
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || header.getCriticalParams() != null) {
            throw new IllegalStateException("alg");
        }
        RSASSAVerifier verifier = verifiersByKid.get(header.getKeyID());
        if (verifier == null || !jwt.verify(verifier)) {
            throw new IllegalStateException("signature");
        }
        JWTClaimsSet c = JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(jwt.getParsedParts()[1].toString()),
                StandardCharsets.UTF_8));
        if (!ISSUER.equals(c.getIssuer()) || !c.getAudience().contains(CLIENT_ID) || !CLIENT_ID.equals(c.getStringClaim("azp"))
                || c.getExpirationTime().toInstant().isBefore(now.minusSeconds(60)) || c.getIssueTime().toInstant().isAfter(now.plusSeconds(60))
                || !expected.nonce().equals(c.getStringClaim("nonce"))
                || !"1.3.0".equals(c.getStringClaim(LtiTokens.LTI + "version"))
                || !"LtiResourceLinkRequest".equals(c.getStringClaim(LtiTokens.LTI + "message_type"))
                || !expected.deploymentRegistered().test(c.getStringClaim(LtiTokens.LTI + "deployment_id"))
                || !(c.getClaim(LtiTokens.LTI + "roles") instanceof List<?>)
                || c.getJSONObjectClaim(LtiTokens.LTI + "resource_link").get("id") == null
                || c.getSubject() == null) {
            throw new IllegalStateException("claims");
        }
        return c.getSubject();
    }

    @Benchmark
    public StateTokens.LoginState stateVerify() {
        return stateTokens.verify(state, now);
    }

    @Benchmark
    public String stateSign() throws JOSEException {
        return stateTokens.sign(loginState);
    }
}
