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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** GET/POST /app/district/statements: district-wide "I can…" statements, written by coordinators, a page at a time. */
@Path("app/district/statements")
@RequestScoped
public class DistrictStatementsResource {
    @Inject
    LaunchRequests requests;

    @Inject
    StudentStatements statements;

    @GET
    public Response form(@QueryParam("framework") String framework, @QueryParam("q") String q, @QueryParam("page") String page) {
        return LearnFragments.guard(requests.contextPath(), () ->
                page(200, requests.launch(), framework, q, StatementForms.page(page), Map.of(), Map.of(), null, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(MultivaluedMap<String, String> form) {
        return LearnFragments.guard(requests.contextPath(), () -> {
            LaunchContext launch = requests.launch();
            String framework = StatementForms.first(form, "framework");
            String q = StatementForms.first(form, "q");
            Integer page = StatementForms.page(StatementForms.first(form, "page"));
            Map<String, String> submitted = StatementForms.statements(form);
            try {
                int changed = statements.saveDistrict(launch, framework, submitted);
                return page(200, launch, framework, q, page, Map.of(), Map.of(), StatementForms.saved(changed), null);
            } catch (StudentStatements.Rejected e) {
                return page(400, launch, framework, q, page, submitted, e.fields(), null, e.getMessage());
            }
        });
    }

    private Response page(int status, LaunchContext launch, String framework, String q, Integer page, Map<String, String> values,
                          Map<String, String> errors, String message, String problem) {
        Map<String, Object> m = new HashMap<>();
        m.put("form", statements.districtForm(launch, framework, q, page));
        m.put("values", values);
        m.put("errors", errors);
        m.put("message", message);
        m.put("problem", problem);
        return LearnFragments.render(status, "alignment/learnDistrictStatements.jte", requests.contextPath(), m);
    }
}
