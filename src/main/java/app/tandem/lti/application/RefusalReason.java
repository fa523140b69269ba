package app.tandem.lti.application;

import java.util.Locale;

/**
 * A reason Tandem refuses what an LMS or a person asked for, as an enum constant ({@link Rejection},
 * {@link RegistrationProblem}): the HTTP status of the page, a plain-language explanation and what an LMS
 * administrator can check. The constant's name is the reason code in logs and metrics; {@link #code()} its
 * lower-case form on the page.
 */
public interface RefusalReason {
    /** The status, explanation and hint of one reason. */
    record Text(int status, String message, String adminHint) {
    }

    Text text();

    /** The enum constant's name. */
    String name();

    default int status() {
        return text().status();
    }

    default String message() {
        return text().message();
    }

    default String adminHint() {
        return text().adminHint();
    }

    default String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
