package app.tandem.alignment.web;

import app.tandem.alignment.application.StudentStatements;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** GET/POST /app/course/{sectionId}/statements: the section's "I can…" statements, written by its teachers. */
@Path("app/course/{sectionId}/statements")
@RequestScoped
public class SectionStatementsResource {
    @Inject
    LaunchRequests requests;

    @Inject
    StudentStatements statements;

    @GET
    public Response form(@PathParam("sectionId") String sectionId) {
        return LearnFragments.guard(requests.contextPath(), () -> page(200, requests.launch(), sectionId, Map.of(), Map.of(), null, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("sectionId") String sectionId, MultivaluedMap<String, String> form) {
        return LearnFragments.guard(requests.contextPath(), () -> {
            LaunchContext launch = requests.launch();
            Map<String, String> submitted = StatementForms.statements(form);
            try {
                int changed = statements.saveSection(launch, sectionId, submitted);
                return page(200, launch, sectionId, Map.of(), Map.of(), StatementForms.saved(changed), null);
            } catch (StudentStatements.Rejected e) {
                return page(400, launch, sectionId, submitted, e.fields(), null, e.getMessage());
            }
        });
    }

    private Response page(int status, LaunchContext launch, String sectionId, Map<String, String> values, Map<String, String> errors,
                          String message, String problem) {
        Map<String, Object> m = new HashMap<>();
        m.put("form", statements.sectionForm(launch, sectionId));
        m.put("values", values);
        m.put("errors", errors);
        m.put("message", message);
        m.put("problem", problem);
        return LearnFragments.render(status, "alignment/learnStatements.jte", requests.contextPath(), m);
    }
}
