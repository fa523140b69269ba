package app.tandem.coteaching.web;

import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** {@link LaunchRequests} plus what the plan pages ask of the request itself (its method; whether it is a live poll). */
@RequestScoped
public class PlanRequests {
    @Inject
    LaunchRequests launches;

    @Inject
    HttpServletRequest request;

    public LaunchContext launch() {
        return launches.launch();
    }

    public String method() {
        return request.getMethod();
    }

    /** A request of an open plan's live strip (its poll stops on 286). */
    public boolean isPoll() {
        return "GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/live");
    }

    public String contextPath() {
        return launches.contextPath();
    }
}
