package app.tandem.alignment.web;

import app.tandem.alignment.application.StudentView;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** GET /app/course/{sectionId}/student-preview: the student view for the section's teachers and coordinators. */
@Path("app/course/{sectionId}/student-preview")
@RequestScoped
public class StudentPreviewResource {
    @Inject
    LaunchRequests requests;

    @Inject
    StudentView studentView;

    @GET
    public Response preview(@PathParam("sectionId") String sectionId) {
        return LearnFragments.guard(requests.contextPath(), () -> LearnFragments.render("alignment/learnPreview.jte", requests.contextPath(),
                Map.of("view", studentView.preview(requests.launch(), sectionId))));
    }
}
