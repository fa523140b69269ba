package app.tandem.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.text.ParseException;

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
}
