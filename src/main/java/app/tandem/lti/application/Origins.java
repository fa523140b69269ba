package app.tandem.lti.application;

import java.net.URI;
import java.util.Locale;

/** Web origins (scheme://host[:port]) of URLs, for frame-ancestors and target-link checks. */
public final class Origins {
    private Origins() {
    }

    /** The origin of a URL, or null when it is not an absolute http(s) URL. */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (Exception e) {
            return null;
        }
    }

    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("[::1]") || h.equals("::1");
    }

    /** True when {@code url} is the tool's base URL or below it (same origin, path under the base path). */
    public static boolean isUnder(String url, String baseUrl) {
        String origin = of(url);
        if (origin == null || !origin.equals(of(baseUrl))) {
            return false;
        }
        String basePath = URI.create(baseUrl).getPath();
        if (basePath == null || basePath.isEmpty() || basePath.equals("/")) {
            return true;
        }
        String path;
        try {
            // decode first, then normalise: "%2e%2e" is ".." to browsers (RFC 3986)
            path = new URI(null, null, new URI(url.strip()).getPath(), null).normalize().getPath();
        } catch (Exception e) {
            return false;
        }
        return path != null && (path.equals(basePath) || path.startsWith(basePath + "/"));
    }
}
