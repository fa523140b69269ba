package app.tandem.coteaching.web;

import app.tandem.coteaching.application.CoteachingStats;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The coordinators' co-teaching report as JSON (launch session in X-Tandem-Session). */
@Path("api/linkgroups/stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Co-teaching report", description = "District-wide co-teaching figures for coordinators")
public class CoteachingStatsApi {
    @Inject
    PlanRequests requests;

    @Inject
    CoteachingStats stats;

    @GET
    @Operation(summary = "Coordinators: link groups, plans per week (last 12 weeks), co-teaching models, standards covered through "
            + "co-taught plans (top 15) and the same per school or sub-account, for the launch's district")
    @APIResponse(responseCode = "200", description = "{from, to, linkGroups{live,dissolved,linkedSections}, plans{total,published}, weeks[], "
            + "models[], standards{covered, top[]}, schools[]}")
    @APIResponse(responseCode = "403", description = "not a coordinator")
    public String get() {
        CoteachingStats.Report r = stats.report(requests.launch());
        JsonArrayBuilder weeks = Json.createArrayBuilder();
        r.weeks().forEach(w -> weeks.add(Json.createObjectBuilder().add("weekStart", w.weekStart().toString()).add("plans", w.plans())));
        JsonArrayBuilder models = Json.createArrayBuilder();
        r.models().forEach(m -> models.add(Json.createObjectBuilder().add("model", m.model().name()).add("label", m.model().label())
                .add("plans", m.plans())));
        JsonArrayBuilder top = Json.createArrayBuilder();
        r.topStandards().forEach(s -> top.add(Json.createObjectBuilder().add("id", s.id()).add("code", s.code()).add("statement", s.statement())
                .add("plans", s.plans()).add("groups", s.groups())));
        JsonArrayBuilder schools = Json.createArrayBuilder();
        r.schools().forEach(s -> schools.add(Json.createObjectBuilder().add("school", s.school()).add("known", !s.school().isEmpty())
                .add("groups", s.groups()).add("plans", s.plans()).add("standards", s.standards())));
        return Json.createObjectBuilder().add("from", r.from().toString()).add("to", r.to().toString())
                .add("linkGroups", Json.createObjectBuilder().add("live", r.liveGroups()).add("dissolved", r.dissolvedGroups())
                        .add("linkedSections", r.linkedSections()))
                .add("plans", Json.createObjectBuilder().add("total", r.plans()).add("published", r.publishedPlans()))
                .add("weeks", weeks).add("models", models)
                .add("standards", Json.createObjectBuilder().add("covered", r.standardsCovered()).add("top", top))
                .add("schools", schools).build().toString();
    }
}
