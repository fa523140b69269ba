package app.tandem.common;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Moments as pages show them: a readable UTC text, and the ISO 8601 instant of a {@code <time datetime>}. The page
 * shell's {@code static/localtime.js} rewrites {@code <time data-local>} elements into the reader's own time zone;
 * without JavaScript (and in printed plans and PDFs) the UTC text stays.
 */
public final class Times {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Times() {
    }

    /** {@code 2026-11-25 22:40 UTC}; empty for null. */
    public static String utc(OffsetDateTime t) {
        return t == null ? "" : UTC.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** {@code 2026-11-25T22:40:05Z}; empty for null. */
    public static String iso(OffsetDateTime t) {
        return t == null ? "" : t.toInstant().toString();
    }
}
