package app.tandem.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.Collection;

/**
 * Headers on every response: no MIME sniffing, referrers only to Tandem itself (launch tokens never leak), and a
 * strict Content-Security-Policy unless the page set its own. Pages of a launch allow framing by that launch's
 * platform origins ({@link Pages}); error pages may be framed anywhere (they offer nothing to click-jack), other
 * pages only by Tandem.
 */
@Provider
public class SecurityHeaders implements ContainerResponseFilter {
    public static final String CSP = "Content-Security-Policy";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "same-origin");
        if (!headers.containsKey(CSP)) {
            headers.putSingle(CSP, policy(response.getStatus() >= 400 ? "*" : "'self'"));
        }
    }

    /** The policy for Tandem's own pages, framed by the given frame-ancestors sources. */
    public static String policy(String frameAncestors) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors " + frameAncestors;
    }

    public static String policy(Collection<String> frameOrigins) {
        return policy(frameOrigins.isEmpty() ? "'self'" : "'self' " + String.join(" ", frameOrigins));
    }
}
