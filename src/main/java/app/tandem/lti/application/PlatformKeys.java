package app.tandem.lti.application;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each platform's public keys, fetched from its JWKS URL and cached per server (Nimbus JWKSourceBuilder): kept
 * 15 minutes, refetched at once when a token names an unknown kid, but at most once every 30 seconds per
 * platform so that a flood of bad tokens cannot make Tandem hammer the LMS.
 */
@ApplicationScoped
public class PlatformKeys {
    static final long CACHE_TTL_MS = 15 * 60_000L;
    static final long REFRESH_TIMEOUT_MS = 5_000L;
    static final long MIN_REFETCH_INTERVAL_MS = 30_000L;
    private static final int HTTP_TIMEOUT_MS = 5_000;
    private static final int MAX_JWKS_BYTES = 256 * 1024;

    private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    public JWKSource<SecurityContext> forJwksUrl(String jwksUrl) {
        return sources.computeIfAbsent(jwksUrl, PlatformKeys::build);
    }

    /** Forget a platform's keys (its registration changed or was deleted). */
    public void evict(String jwksUrl) {
        if (jwksUrl != null) {
            sources.remove(jwksUrl);
        }
    }

    static JWKSource<SecurityContext> build(String jwksUrl) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUrl).toURL(),
                            new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, MAX_JWKS_BYTES))
                    .cache(CACHE_TTL_MS, REFRESH_TIMEOUT_MS)
                    .rateLimited(MIN_REFETCH_INTERVAL_MS)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new LaunchRejectedException(Rejection.JWKS_UNAVAILABLE, "JWKS URL is not a URL");
        }
    }
}
