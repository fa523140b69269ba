package app.tandem.lti.api;

/**
 * An LTI Advantage call to the LMS failed: the LMS refused, timed out, or answered something unusable. The
 * message says so in plain words; it never contains tokens.
 */
public class PlatformServiceException extends RuntimeException {
    public enum Kind { NOT_OFFERED, UNREACHABLE, REFUSED, MALFORMED }

    private final Kind kind;
    private final int platformStatus;

    public PlatformServiceException(Kind kind, String message, int platformStatus) {
        super(message, null, false, false);
        this.kind = kind;
        this.platformStatus = platformStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** The LMS's HTTP status, or 0 when there was none. */
    public int platformStatus() {
        return platformStatus;
    }
}
