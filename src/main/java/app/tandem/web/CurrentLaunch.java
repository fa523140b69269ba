package app.tandem.web;

import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** The launch behind the current request's {@code X-Tandem-Session} header (no cookies: works with third-party cookies blocked). */
@RequestScoped
public class CurrentLaunch {
    @Inject
    LaunchSessions sessions;

    @Inject
    HttpServletRequest request;

    public LaunchContext require() {
        return sessions.resolve(request.getHeader(LaunchSessions.HEADER)).orElseThrow(SessionRequiredException::new);
    }
}
