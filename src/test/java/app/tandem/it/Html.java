package app.tandem.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the tests read from Tandem's pages: elements by data-testid, and the launch-session token. */
public final class Html {
    private static final Pattern SESSION_TOKEN =
            Pattern.compile("X-Tandem-Session(?:&#34;|&quot;|[\":\\s])+([A-Za-z0-9_-]{20,})");

    private Html() {
    }

    /** The text of the first element with this data-testid (up to its first child's end), or null. */
    public static String testId(String html, String id) {
        Matcher m = Pattern.compile("data-testid=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group(1).replaceAll("<[^>]+>", "").strip() : null;
    }

    /** The launch-session token a page hands to htmx (hx-headers), or null. */
    public static String sessionToken(String html) {
        Matcher m = SESSION_TOKEN.matcher(html);
        return m.find() ? m.group(1) : null;
    }
}
