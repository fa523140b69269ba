package app.tandem.lti.application;

/** A refused login or launch. {@code detail} is for the log only (it never contains tokens or secrets). */
public class LaunchRejectedException extends RuntimeException {
    private final Rejection reason;
    private final transient RetryHint retry;

    public LaunchRejectedException(Rejection reason, String detail) {
        this(reason, detail, null);
    }

    public LaunchRejectedException(Rejection reason, String detail, RetryHint retry) {
        super(reason.code() + ": " + detail, null, false, false);
        this.reason = reason;
        this.retry = retry;
    }

    public Rejection reason() {
        return reason;
    }

    /** Where the browser can restart the launch in a new window, when that can help (blocked cookies). */
    public RetryHint retry() {
        return retry;
    }

    public record RetryHint(String newWindowLoginUrl) {
    }
}
