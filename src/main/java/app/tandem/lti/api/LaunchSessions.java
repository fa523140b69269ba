package app.tandem.lti.api;

import java.util.Optional;

/** Resolves the bearer token of a launch session to its launch context. */
public interface LaunchSessions {

    /** The HTTP header that carries the token on htmx and API requests. */
    String HEADER = "X-Tandem-Session";

    /** The live (unexpired) launch behind a token, or empty. */
    Optional<LaunchContext> resolve(String token);
}
