package app.tandem.district.web;

import app.tandem.common.AuditTrail;
import app.tandem.common.Paged;
import app.tandem.common.Times;
import app.tandem.district.application.DistrictAudit;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/district/audit: the district audit log as JSON, for the district's coordinators (launch session in X-Tandem-Session). */
@Path("api/district/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "District audit log", description = "Coordinator and admin-API actions of the launch's district, newest first")
public class AuditApi {
    @Inject
    LaunchRequests requests;

    @Inject
    DistrictAudit audit;

    @GET
    @Operation(summary = "One page (50 entries) of the district's audit log, newest first; coordinators only")
    public String page(@Parameter(description = "page number from 1") @QueryParam("page") String page,
                       @Parameter(description = "only this action code, e.g. framework.enabled") @QueryParam("action") String action,
                       @Parameter(description = "only this person's actions (person id)") @QueryParam("person") String person) {
        return json(audit.page(requests.launch(), DistrictAudit.query(page, action, person))).build().toString();
    }

    static JsonObjectBuilder json(Paged<AuditTrail.Entry> p) {
        JsonArrayBuilder entries = Json.createArrayBuilder();
        p.entries().forEach(e -> {
            JsonObjectBuilder o = Json.createObjectBuilder().add("id", e.id()).add("at", Times.iso(e.at()))
                    .add("actorKind", e.actorKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).add("action", e.action());
            add(o, "actorId", e.actorId());
            add(o, "actorName", e.actorName());
            add(o, "targetType", e.targetType());
            add(o, "targetId", e.targetId());
            add(o, "targetLabel", e.targetLabel());
            add(o, "details", e.details());
            entries.add(o);
        });
        return Json.createObjectBuilder().add("page", p.page()).add("pages", p.pages()).add("pageSize", p.pageSize()).add("total", p.total())
                .add("entries", entries);
    }

    private static void add(JsonObjectBuilder o, String name, String value) {
        if (value != null) {
            o.add(name, value);
        }
    }
}
