package app.tandem.lti.api;

import app.tandem.common.InvalidRequestException;
import java.util.Map;
import java.util.Optional;

/** Resolves the bearer token of a launch session to its launch context. */
public interface LaunchSessions {

    /** The HTTP header that carries the token on htmx and API requests. */
    String HEADER = "X-Tandem-Session";

    /** The live (unexpired) launch behind a token, or empty. */
    Optional<LaunchContext> resolve(String token);

    /** The live launch behind a token; a 401 that tells the person to open Tandem again from the LMS otherwise. */
    default LaunchContext require(String token) {
        return resolve(token).orElseThrow(() -> new InvalidRequestException(401,
                "Your Tandem session has ended or this was opened outside your LMS. Open Tandem again from your course or account.",
                Map.of()));
    }
}
