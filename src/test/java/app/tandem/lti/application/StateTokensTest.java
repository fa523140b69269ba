package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StateTokensTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final OctetSequenceKey key = TestToolKeys.newStateKey();
    private final StateTokens tokens = TestToolKeys.stateTokens(key);

    private StateTokens.LoginState state() {
        return tokens.newState("reg-1", "https://lms.example.edu", "client-1", "dep-1",
                "https://tool.example/tandem/lti/launch", "login-hint-1", "message-hint-1", NOW);
    }

    private StateTokens.LoginState verify(String state, Instant at) {
        return tokens.verify(state, at);
    }

    private void assertRejected(String state, Instant at, Rejection reason) {
        assertThatThrownBy(() -> verify(state, at))
                .isInstanceOfSatisfying(LaunchRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private String signed(JWSAlgorithm alg, byte[] secret, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    @Test
    void signAndVerifyRoundTrip() {
        StateTokens.LoginState state = state();
        assertThat(verify(tokens.sign(state), NOW.plusSeconds(30))).usingRecursiveComparison().ignoringFields("binding").isEqualTo(state);
    }

    @Test
    void theBindingSecretTravelsOnlyAsItsHash() {
        StateTokens.LoginState state = state();
        String signed = tokens.sign(state);
        assertThat(signed).doesNotContain(state.binding());
        StateTokens.LoginState back = verify(signed, NOW);
        assertThat(back.binding()).isNull();
        assertThat(back.boundBy(state.binding())).isTrue();
        assertThat(back.boundBy("another secret")).isFalse();
        assertThat(back.boundBy(null)).isFalse();
    }

    @Test
    void optionalPartsRoundTripAsNull() {
        StateTokens.LoginState state = tokens.newState("reg-1", "https://lms.example.edu", "client-1", null,
                "https://tool.example/tandem/x", "hint", null, NOW);
        StateTokens.LoginState back = verify(tokens.sign(state), NOW);
        assertThat(back.deploymentId()).isNull();
        assertThat(back.messageHint()).isNull();
        assertThat(back).usingRecursiveComparison().ignoringFields("binding").isEqualTo(state);
    }

    @Test
    void newStateHasFreshRandomIdAndNonceAndTheLifetime() {
        StateTokens.LoginState a = state();
        StateTokens.LoginState b = state();
        assertThat(a.id()).isNotEqualTo(b.id()).hasSizeGreaterThanOrEqualTo(21);
        assertThat(a.nonce()).isNotEqualTo(b.nonce()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(a.expiresAt()).isEqualTo(NOW.plus(StateTokens.LIFETIME));
    }

    @Test
    void tamperedPayload() {
        String[] parts = tokens.sign(state()).split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8);
        String forged = payload.replace("login-hint-1", "login-hint-2");
        assertThat(forged).isNotEqualTo(payload);
        parts[1] = Base64URL.encode(forged.getBytes(StandardCharsets.UTF_8)).toString();
        assertRejected(String.join(".", parts), NOW, Rejection.INVALID_STATE);
    }

    @Test
    void tamperedSignature() {
        String state = tokens.sign(state());
        char last = state.charAt(state.length() - 5);
        String changed = state.substring(0, state.length() - 5) + (last == 'A' ? 'B' : 'A') + state.substring(state.length() - 4);
        assertRejected(changed, NOW, Rejection.INVALID_STATE);
    }

    @Test
    void signedWithAnotherKey() throws JOSEException {
        StateTokens other = TestToolKeys.stateTokens(new OctetSequenceKeyGenerator(256).generate());
        assertRejected(other.sign(state()), NOW, Rejection.INVALID_STATE);
    }

    @Test
    void onlyHs256IsAccepted() throws Exception {
        // A 512-bit state key could also make HS384/HS512 MACs: the algorithm is pinned, not taken from the header.
        OctetSequenceKey longKey = new OctetSequenceKeyGenerator(512).generate();
        StateTokens withLongKey = TestToolKeys.stateTokens(longKey);
        String claims = "{\"jti\":\"s1\",\"nonce\":\"n\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}";
        assertThat(withLongKey.verify(hmacSigned(longKey, "HS256", "HmacSHA256", claims), NOW).id()).isEqualTo("s1");
        for (String[] alg : new String[][] {{"HS384", "HmacSHA384"}, {"HS512", "HmacSHA512"}}) {
            String state = hmacSigned(longKey, alg[0], alg[1], claims);
            assertThatThrownBy(() -> withLongKey.verify(state, NOW)).as(alg[0])
                    .isInstanceOfSatisfying(LaunchRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Rejection.INVALID_STATE));
        }
    }

    private static String hmacSigned(OctetSequenceKey secret, String alg, String macAlgorithm, String claims) throws Exception {
        String signingInput = Base64URL.encode("{\"alg\":\"" + alg + "\"}") + "." + Base64URL.encode(claims);
        Mac mac = Mac.getInstance(macAlgorithm);
        mac.init(new SecretKeySpec(secret.toByteArray(), macAlgorithm));
        return signingInput + "." + Base64URL.encode(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void unsignedState() {
        String unsigned = IdTokens.compact("{\"alg\":\"none\"}", "{\"jti\":\"s1\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}",
                new byte[0]);
        assertRejected(unsigned, NOW, Rejection.INVALID_STATE);
    }

    @Test
    void expired() {
        StateTokens.LoginState state = state();
        assertRejected(tokens.sign(state), state.expiresAt().plusSeconds(1), Rejection.STATE_EXPIRED);
    }

    @Test
    void validUntilItsExpiry() {
        StateTokens.LoginState state = state();
        assertThat(verify(tokens.sign(state), state.expiresAt())).usingRecursiveComparison().ignoringFields("binding").isEqualTo(state);
    }

    @Test
    void stateWithoutExpiry() throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID("s1").claim("nonce", "n").build();
        assertRejected(signed(JWSAlgorithm.HS256, key.toByteArray(), claims), NOW, Rejection.STATE_EXPIRED);
    }

    @Test
    void claimOfTheWrongType() throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID("s1").claim("nonce", 42)
                .expirationTime(Date.from(NOW.plusSeconds(60))).build();
        assertRejected(signed(JWSAlgorithm.HS256, key.toByteArray(), claims), NOW, Rejection.INVALID_STATE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missing(String state) {
        assertRejected(state, NOW, Rejection.MISSING_STATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "a.b", "e30.e30.e30"})
    void notAToken(String state) {
        assertRejected(state, NOW, Rejection.INVALID_STATE);
    }

    @Test
    void tooLong() {
        assertRejected("a".repeat(4097), NOW, Rejection.INVALID_STATE);
    }

    @Test
    void cookieNameCarriesTheStateId() {
        assertThat(StateTokens.cookieName("abc123")).isEqualTo("lti_state_abc123");
    }
}
