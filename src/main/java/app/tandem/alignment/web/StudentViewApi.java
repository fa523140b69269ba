package app.tandem.alignment.web;

import app.tandem.alignment.application.LearnModel.Notice;
import app.tandem.alignment.application.LearnModel.Resource;
import app.tandem.alignment.application.LearnModel.Standard;
import app.tandem.alignment.application.LearnModel.Unit;
import app.tandem.alignment.application.LearnModel.View;
import app.tandem.alignment.application.StudentView;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * GET /api/sections/{sectionId}/student-view: what the section's students see, as JSON. Authenticated by the launch
 * session (X-Tandem-Session); its students, teachers (own or linked sections) and the district's coordinators may
 * read it. Errors are JSON: {"status":4xx,"error":"...","fields":{...}}.
 */
@Path("api/sections/{sectionId}/student-view")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Student view", description = "A course's standards in plain language with the student-visible resources aligned to each")
public class StudentViewApi {
    @Inject
    LaunchRequests requests;

    @Inject
    StudentView studentView;

    @GET
    @Operation(summary = "The section's standards by unit: the \"I can…\" statement students read (section's, else district's, else "
            + "official), the official statement, and the student-visible resources aligned to each; licence notices of the frameworks shown")
    @APIResponse(responseCode = "200", description = "The student view (units empty when nothing is aligned yet)")
    @APIResponse(responseCode = "401", description = "No live launch session")
    @APIResponse(responseCode = "403", description = "Not a student, teacher or coordinator of this section")
    @APIResponse(responseCode = "404", description = "No such section in the launch's district")
    public String studentView(@Parameter(description = "Section id (the launch's sectionId)") @PathParam("sectionId") String sectionId) {
        View view = studentView.view(requests.launch(), sectionId);
        JsonArrayBuilder units = Json.createArrayBuilder();
        for (Unit u : view.units()) {
            JsonArrayBuilder standards = Json.createArrayBuilder();
            u.standards().forEach(s -> standards.add(standard(s)));
            units.add(opt(Json.createObjectBuilder().add("id", u.unitId()).add("title", u.title()), "description", u.description())
                    .add("standards", standards));
        }
        JsonArrayBuilder notices = Json.createArrayBuilder();
        for (Notice n : view.notices()) {
            notices.add(opt(Json.createObjectBuilder().add("framework", n.frameworkTitle()), "title", n.title()).add("text", n.text()));
        }
        return Json.createObjectBuilder().add("sectionId", view.sectionId()).add("sectionTitle", view.sectionTitle())
                .add("units", units).add("licenceNotices", notices).build().toString();
    }

    private static JsonObjectBuilder standard(Standard s) {
        JsonArrayBuilder resources = Json.createArrayBuilder();
        for (Resource r : s.resources()) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("id", r.itemId()).add("title", r.title());
            opt(b, "url", r.safeUrl());
            opt(b, "type", r.typeLabel());
            opt(b, "description", r.description());
            resources.add(b);
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", s.standardId());
        opt(b, "code", s.code());
        opt(b, "shortCode", s.shortCode());
        b.add("statement", s.statement().text()).add("statementSource", s.statement().source().name().toLowerCase(Locale.ROOT));
        opt(b, "officialStatement", s.official());
        opt(b, "frameworkId", s.frameworkId());
        opt(b, "framework", s.frameworkTitle());
        return b.add("resources", resources);
    }

    private static JsonObjectBuilder opt(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
        return b;
    }
}
