package app.tandem.alignment.web;

import app.tandem.alignment.application.SectionAccess;
import app.tandem.alignment.application.Suggestions;
import app.tandem.common.HtmlFragments;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import app.tandem.standards.application.StandardsCatalog.FrameworkRef;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Suggested standards for a course-map item: an htmx fragment loaded into the item's panel (the course map puts a
 * placeholder that GETs it). Each suggestion has Accept (posts to the alignment endpoint of the course map, which
 * answers with the item's alignment list) and Dismiss (not suggested for this item again). For those who may edit
 * the section's course map: its teachers, and linked teachers where district policy lets them edit.
 */
@Path("app/course/{sectionId}/items/{itemId}/suggestions")
@RequestScoped
public class SuggestionPages {
    static final int SHOWN = 6;

    @Inject
    LaunchRequests requests;

    @Inject
    SectionAccess access;

    @Inject
    Suggestions suggestions;

    /** The suggestions panel; {@code part=list}: only its list (refreshed after an accept). */
    @GET
    public Response panel(@PathParam("sectionId") String sectionId, @PathParam("itemId") String itemId, @QueryParam("part") String part) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            SectionAccess.Grant grant = access.edit(launch, sectionId);
            return render(grant, itemId, "list".equals(part) ? "alignment/suggestionsList.jte" : "alignment/suggestions.jte");
        });
    }

    /** Dismisses a suggestion for the item; answers with the refreshed list. */
    @POST
    @Path("{standardId}/dismiss")
    public Response dismiss(@PathParam("sectionId") String sectionId, @PathParam("itemId") String itemId,
                            @PathParam("standardId") String standardId) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            SectionAccess.Grant grant = access.edit(launch, sectionId);
            suggestions.dismiss(grant, launch, itemId, standardId);
            return render(grant, itemId, "alignment/suggestionsList.jte");
        });
    }

    private Response render(SectionAccess.Grant grant, String itemId, String template) {
        Suggestions.Result result = suggestions.suggest(grant, itemId, SHOWN);
        Map<String, FrameworkRef> shown = new LinkedHashMap<>();
        for (FrameworkRef f : result.frameworks()) {
            if (result.suggestions().stream().anyMatch(s -> s.standard().frameworkId().equals(f.id()))) {
                shown.put(f.id(), f);
            }
        }
        Map<String, Object> m = new HashMap<>();
        m.put("sectionId", grant.section().id());
        m.put("result", result);
        m.put("licences", shown.values().stream().filter(FrameworkRef::hasLicence).toList());
        return HtmlFragments.render(200, template, requests.contextPath(), m);
    }

    /** Problems a person can fix come back as a 4xx fragment that suggestions.js shows in place. */
    private Response guard(Supplier<Response> page) {
        return HtmlFragments.guard("standards/problem.jte", requests.contextPath(), page);
    }
}
