package app.tandem.alignment.web;

import app.tandem.alignment.application.SectionAccess;
import app.tandem.alignment.application.SuggestionIndex.Suggestion;
import app.tandem.alignment.application.Suggestions;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Suggested standards for a course-map item as JSON (launch session in X-Tandem-Session), for those who may edit
 * the section's course map. Suggestions are never alignments: create one with the alignments endpoint.
 */
@Path("api/sections/{sectionId}/items/{itemId}/suggestions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Suggestions", description = "Ranked standards for a course-map item (launch session in X-Tandem-Session)")
public class SuggestionsApi {
    @Inject
    LaunchRequests requests;

    @Inject
    SectionAccess access;

    @Inject
    Suggestions suggestions;

    @GET
    @Operation(summary = "Standards of the section's frameworks and grades ranked for the item (title, description, unit), best first; "
            + "standards already aligned to the item or dismissed for it are left out")
    public String suggestions(@PathParam("sectionId") String sectionId, @PathParam("itemId") String itemId,
                              @Parameter(description = "how many (1–50, default 10)") @QueryParam("limit") Integer limit) {
        LaunchContext launch = requests.launch();
        SectionAccess.Grant grant = access.edit(launch, sectionId);
        Suggestions.Result r = suggestions.suggest(grant, itemId, limit == null ? 10 : limit);
        JsonArrayBuilder frameworks = Json.createArrayBuilder();
        r.frameworks().forEach(f -> frameworks.add(Json.createObjectBuilder().add("id", f.id()).add("title", f.title())
                .add("version", f.version())));
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Suggestion s : r.suggestions()) {
            list.add(json(s));
        }
        return Json.createObjectBuilder().add("sectionId", grant.section().id()).add("itemId", r.item().id())
                .add("grades", strings(r.grades())).add("frameworks", frameworks).add("suggestions", list).build().toString();
    }

    @POST
    @Path("{standardId}/dismiss")
    @Operation(summary = "Dismiss a suggested standard for the item: it is not suggested for this item again (204; idempotent)")
    public Response dismiss(@PathParam("sectionId") String sectionId, @PathParam("itemId") String itemId,
                            @PathParam("standardId") String standardId) {
        LaunchContext launch = requests.launch();
        suggestions.dismiss(access.edit(launch, sectionId), launch, itemId, standardId);
        return Response.noContent().build();
    }

    private static JsonObjectBuilder json(Suggestion s) {
        StandardRef std = s.standard();
        JsonObjectBuilder o = Json.createObjectBuilder().add("standardId", std.id()).add("frameworkId", std.frameworkId())
                .add("frameworkTitle", std.frameworkTitle()).add("statement", std.statement()).add("label", std.label())
                .add("grades", strings(std.grades())).add("score", Math.round(s.score() * 1000) / 1000.0)
                .add("matchedWords", strings(s.matchedWords())).add("reasons", strings(s.reasons()));
        if (std.code() != null) {
            o.add("code", std.code());
        }
        if (std.domainLabel() != null) {
            o.add("domain", std.domainLabel());
        }
        if (std.clusterLabel() != null) {
            o.add("cluster", std.clusterLabel());
        }
        return o;
    }

    private static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }
}
