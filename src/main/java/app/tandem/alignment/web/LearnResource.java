package app.tandem.alignment.web;

import app.tandem.alignment.application.StudentView;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** GET /app/learn: what the launch's section is learning, for its students' home (an htmx fragment). */
@Path("app/learn")
@RequestScoped
public class LearnResource {
    @Inject
    LaunchRequests requests;

    @Inject
    StudentView studentView;

    @GET
    public Response learn() {
        return LearnFragments.guard(requests.contextPath(), () -> LearnFragments.render("alignment/learn.jte", requests.contextPath(),
                Map.of("view", studentView.ofLaunch(requests.launch()), "teacher", false)));
    }
}
