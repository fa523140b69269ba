package app.tandem.lti.web;

import app.tandem.lti.application.LaunchRejectedException;
import java.util.logging.Logger;

/** One log line per refused login or launch: reason code, detail and platform, never a token. */
final class RejectionLog {
    private static final Logger LOG = Logger.getLogger("app.tandem.lti.rejections");

    private RejectionLog() {
    }

    static LaunchRejectedException login(LaunchRejectedException e, String issuer, String clientId) {
        LOG.info(() -> "LTI login refused reason=" + e.reason().code() + " iss=" + clean(issuer) + " client_id=" + clean(clientId)
                + " detail=" + clean(e.getMessage()));
        return new StageRejection(e, "login");
    }

    static LaunchRejectedException launch(LaunchRejectedException e) {
        LOG.info(() -> "LTI launch refused reason=" + e.reason().code() + " detail=" + clean(e.getMessage()));
        return new StageRejection(e, "launch");
    }

    /** Keeps log lines single-line and bounded whatever the request contained. */
    static String clean(String s) {
        if (s == null) {
            return "-";
        }
        String oneLine = s.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    /** Carries the stage (login or launch) to the exception mapper that counts and renders it. */
    static final class StageRejection extends LaunchRejectedException {
        final String stage;

        StageRejection(LaunchRejectedException e, String stage) {
            super(e.reason(), e.getMessage(), e.retry());
            this.stage = stage;
        }
    }
}
