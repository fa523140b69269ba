package app.tandem.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;

/**
 * Tandem's public keys as an LMS sees them: fetched with Nimbus from {@code <toolBase>/.well-known/jwks.json}
 * (every time: a platform that caches would refetch on an unknown kid), they verify what Tandem signs — client
 * assertions and deep-linking responses.
 */
public final class ToolJwks {
    private ToolJwks() {
    }

    public static String url() {
        return Deployments.toolBase() + "/.well-known/jwks.json";
    }

    public static JWKSet fetch() {
        try {
            return JWKSet.load(URI.create(url()).toURL(), 5_000, 5_000, 256 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch Tandem's JWKS", e);
        } catch (ParseException e) {
            throw new IllegalStateException("Tandem's JWKS is not a JWK set", e);
        }
    }

    /**
     * The JWT, when it is RS256-signed by the published key its kid names.
     *
     * @throws IllegalArgumentException saying what is wrong, as a platform would refuse it
     */
    public static SignedJWT verify(String serialized) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(serialized == null ? "" : serialized);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
            throw new IllegalArgumentException("not RS256 with a kid: " + jwt.getHeader());
        }
        JWK key = fetch().getKeyByKeyId(jwt.getHeader().getKeyID());
        if (!(key instanceof RSAKey rsa)) {
            throw new IllegalArgumentException("kid " + jwt.getHeader().getKeyID() + " is not in Tandem's JWKS");
        }
        if (rsa.isPrivate()) {
            throw new IllegalArgumentException("Tandem's JWKS publishes a private key");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(rsa))) {
                throw new IllegalArgumentException("signature does not verify with kid " + rsa.getKeyID());
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot verify: " + e.getMessage());
        }
        return jwt;
    }

    /**
     * What an LMS checks in any JWT Tandem sends it: {@code iss} (Tandem's client_id), {@code aud} naming the
     * platform's endpoint or issuer, {@code exp} not past, {@code iat} present and not ahead by more than a minute.
     *
     * @return the first problem, or null
     */
    public static String claimsProblem(JWTClaimsSet c, String clientId, String audience) {
        Instant now = Instant.now();
        if (!clientId.equals(c.getIssuer())) {
            return "iss must be the client_id";
        }
        if (c.getAudience() == null || !c.getAudience().contains(audience)) {
            return "aud must name " + audience;
        }
        if (c.getExpirationTime() == null || !c.getExpirationTime().toInstant().isAfter(now)) {
            return "exp missing or past";
        }
        if (c.getIssueTime() == null || c.getIssueTime().toInstant().isAfter(now.plusSeconds(60))) {
            return "iat missing or in the future";
        }
        return null;
    }
}
