package app.tandem.alignment.application;

/**
 * Which "I can…" statement students read for a standard: the one the section's teachers wrote, else the district's
 * (written by coordinators), else the official statement. Blank statements count as absent.
 */
public record StatementChoice(String text, Source source) {
    public enum Source { SECTION, DISTRICT, OFFICIAL }

    /** The longest statement a teacher or coordinator may write (the column's width). */
    public static final int MAX_LENGTH = 1000;

    /**
     * @param official the standard's official statement; null when the standard is no longer in the district's
     *                 library, then {@code fallback} (its code) stands in
     */
    public static StatementChoice choose(String section, String district, String official, String fallback) {
        if (present(section)) {
            return new StatementChoice(section.strip(), Source.SECTION);
        }
        if (present(district)) {
            return new StatementChoice(district.strip(), Source.DISTRICT);
        }
        if (present(official)) {
            return new StatementChoice(official.strip(), Source.OFFICIAL);
        }
        return new StatementChoice(present(fallback) ? fallback.strip() : "A standard your teachers chose", Source.OFFICIAL);
    }

    /** Whether students read someone's plain-language statement rather than the official one. */
    public boolean written() {
        return source != Source.OFFICIAL;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
