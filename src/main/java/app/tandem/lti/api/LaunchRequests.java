package app.tandem.lti.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The launch behind the current request's X-Tandem-Session header (htmx and API calls of the features' pages);
 * 401 without a live session.
 */
@RequestScoped
public class LaunchRequests {
    @Inject
    LaunchSessions sessions;

    @Inject
    HttpServletRequest request;

    public LaunchContext launch() {
        return sessions.require(request.getHeader(LaunchSessions.HEADER));
    }

    public String contextPath() {
        return request.getContextPath();
    }
}
