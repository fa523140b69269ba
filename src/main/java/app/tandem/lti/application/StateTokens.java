package app.tandem.lti.application;

import app.tandem.common.Tokens;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * OIDC state as a short-lived JWT signed (HS256) with the tool's state key. It carries the nonce and the login
 * parameters, so any server can finish a launch that another started: nothing lives in server memory.
 */
@ApplicationScoped
public class StateTokens {
    /** How long a login may take until the launch arrives; also bounds how long a used nonce is remembered. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    /** Bounds the state Tandem accepts back; logins whose state would be longer are refused up front. */
    static final int MAX_LENGTH = 16 * 1024;

    @Inject
    ToolKeys toolKeys;

    /**
     * @param binding       the browser-binding secret (only at creation: it goes to the cookie and platform storage)
     * @param bindingHash   SHA-256 of the binding secret, carried in the signed state
     * @param storageTarget the platform's lti_storage_target when it offered LTI platform storage, else null
     */
    public record LoginState(String id, String nonce, String registrationId, String issuer, String clientId,
                             String deploymentId, String targetLinkUri, String loginHint, String messageHint,
                             Instant expiresAt, String binding, String bindingHash, String storageTarget) {

        /** Whether {@code proof} (from the cookie or platform storage) is this state's binding secret. */
        public boolean boundBy(String proof) {
            return proof != null && bindingHash != null && Tokens.constantTimeEquals(Tokens.sha256Hex(proof), bindingHash);
        }
    }

    public LoginState newState(String registrationId, String issuer, String clientId, String deploymentId,
                               String targetLinkUri, String loginHint, String messageHint, Instant now) {
        return newState(registrationId, issuer, clientId, deploymentId, targetLinkUri, loginHint, messageHint, null, now);
    }

    public LoginState newState(String registrationId, String issuer, String clientId, String deploymentId,
                               String targetLinkUri, String loginHint, String messageHint, String storageTarget, Instant now) {
        String binding = Tokens.random(24);
        return new LoginState(Tokens.random(16), Tokens.random(32), registrationId, issuer, clientId, deploymentId,
                targetLinkUri, loginHint, messageHint, now.plus(LIFETIME), binding, Tokens.sha256Hex(binding), storageTarget);
    }

    public String sign(LoginState s) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(s.id())
                .claim("nonce", s.nonce())
                .claim("reg", s.registrationId())
                .claim("iss_p", s.issuer())
                .claim("cid", s.clientId())
                .claim("dep", s.deploymentId())
                .claim("tlu", s.targetLinkUri())
                .claim("lh", s.loginHint())
                .claim("mh", s.messageHint())
                .claim("bh", s.bindingHash())
                .claim("st", s.storageTarget())
                .expirationTime(Date.from(s.expiresAt()))
                .build();
        try {
            OctetSequenceKey key = toolKeys.stateKey();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies the state's signature and expiry. */
    public LoginState verify(String state, Instant now) {
        if (state == null || state.isBlank()) {
            throw new LaunchRejectedException(Rejection.MISSING_STATE, "no state parameter");
        }
        if (state.length() > MAX_LENGTH) {
            throw new LaunchRejectedException(Rejection.INVALID_STATE, "state too long");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(state);
            OctetSequenceKey key = jwt.getHeader().getKeyID() == null ? toolKeys.stateKey() : toolKeys.stateKey(jwt.getHeader().getKeyID());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || key == null || !jwt.verify(new MACVerifier(key))) {
                throw new LaunchRejectedException(Rejection.INVALID_STATE, "state signature invalid");
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (c.getExpirationTime() == null || now.isAfter(c.getExpirationTime().toInstant())) {
                throw new LaunchRejectedException(Rejection.STATE_EXPIRED, "state expired");
            }
            return new LoginState(c.getJWTID(), c.getStringClaim("nonce"), c.getStringClaim("reg"),
                    c.getStringClaim("iss_p"), c.getStringClaim("cid"), c.getStringClaim("dep"),
                    c.getStringClaim("tlu"), c.getStringClaim("lh"), c.getStringClaim("mh"),
                    c.getExpirationTime().toInstant(), null, c.getStringClaim("bh"), c.getStringClaim("st"));
        } catch (ParseException | JOSEException e) {
            throw new LaunchRejectedException(Rejection.INVALID_STATE, "state is not a valid token");
        }
    }

    /** Key under which the binding secret is kept in the LMS's platform storage. */
    public static String storageKey(String stateId) {
        return "tandem_state_" + stateId;
    }

    /** Name of the cookie that binds a state to the browser that started the login. */
    public static String cookieName(String stateId) {
        return "lti_state_" + stateId;
    }
}
