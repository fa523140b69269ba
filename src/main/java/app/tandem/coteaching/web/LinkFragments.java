package app.tandem.coteaching.web;

import app.tandem.common.HtmlFragments;
import app.tandem.common.Times;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * HTML fragments swapped into the launch page by htmx: never cached. A 4xx fragment carries
 * {@code X-Tandem-Fragment: problem}, which links.js tells htmx to swap in place like a 200.
 */
public final class LinkFragments {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", java.util.Locale.ENGLISH);

    private LinkFragments() {
    }

    static Response render(int status, String template, String ctx, Map<String, Object> model) {
        Response r = HtmlFragments.render(status, template, ctx, model);
        return status >= 400 ? Response.fromResponse(r).header(HtmlFragments.KIND_HEADER, "problem").build() : r;
    }

    /** A time in an attribute, where no {@code <time>} element can go: {@code 2026-12-02 17:35 UTC} (empty for null). */
    public static String time(OffsetDateTime t) {
        return Times.utc(t);
    }

    /** A day as the pages show it: {@code Wed 2 Dec 2026}. */
    public static String day(OffsetDateTime t) {
        return t == null ? "" : DAY.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
