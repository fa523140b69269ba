package app.tandem.coteaching.web;

import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** The launch behind the request's X-Tandem-Session header (htmx and API calls); 401 without a live session. */
@RequestScoped
public class CoteachingRequests {
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
