package app.tandem.standards.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/** The launch behind the request's X-Tandem-Session header (htmx and API calls); 401 without a live session. */
@RequestScoped
public class StandardsAccess {
    @Inject
    LaunchSessions sessions;

    @Inject
    HttpServletRequest request;

    public LaunchContext launch() {
        return sessions.resolve(request.getHeader(LaunchSessions.HEADER)).orElseThrow(() -> new InvalidRequestException(401,
                "Your Tandem session has ended or this was opened outside your LMS. Open Tandem again from your course or account.",
                Map.of()));
    }

    public String contextPath() {
        return request.getContextPath();
    }
}
