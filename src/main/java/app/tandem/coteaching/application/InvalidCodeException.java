package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import java.util.Map;

/**
 * A code that does not open an invitation of the person's district: mistyped, unknown, expired, used, revoked or of
 * another district. One message for all, so that it tells nothing about other sections or districts.
 */
public class InvalidCodeException extends InvalidRequestException {
    public static final String MESSAGE = "That code does not work. Codes look like KQ7-M4P-2XD, work once, for a limited time, "
            + "and can be revoked. Check the code, or ask the teacher who invited you for a new one.";

    public InvalidCodeException() {
        super(400, MESSAGE, Map.of("code", "does not work"));
    }
}
