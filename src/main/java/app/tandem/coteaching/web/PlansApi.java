package app.tandem.coteaching.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.JsonBodies;
import app.tandem.coteaching.application.PlanModel;
import app.tandem.coteaching.application.PlanViews;
import app.tandem.coteaching.application.Plans;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * JSON API of co-teaching plans. Authenticated by the launch session (header X-Tandem-Session). Teachers of a
 * link group's sections read and change its plans, the district's coordinators read them; plans of other groups
 * are 404. A save sends the version it started from ({@code baseVersion}): a stale save is merged field by field
 * with the newer version, and only when both changed the same field differently the answer is 409 with the
 * conflicts, the merge so far and the current version to save against. Errors: {"status":4xx,"error":"...","fields":{...}}.
 */
@Path("api/plans")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Co-teaching plans", description = "Plans of linked sections: revisions, merge, comments, student agenda (launch session in X-Tandem-Session)")
public class PlansApi {
    @Inject
    PlanRequests requests;

    @Inject
    Plans plans;

    @GET
    @Operation(summary = "Plans of the launch section's link group (or of groupId) from a day on (default: a week ago); "
            + "coordinators without groupId: the district's plans")
    public String list(@QueryParam("groupId") String groupId, @Parameter(description = "YYYY-MM-DD") @QueryParam("from") String from) {
        LaunchContext launch = requests.launch();
        JsonArrayBuilder a = Json.createArrayBuilder();
        plans.list(launch, blank(groupId), date(from, "from")).forEach(s -> a.add(PlanJson.summary(s)));
        return a.build().toString();
    }

    @GET
    @Path("models")
    @Operation(summary = "The six co-teaching models with their descriptions")
    public String models() {
        requests.launch();
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (PlanModel m : PlanModel.values()) {
            a.add(PlanJson.model(m));
        }
        return a.build().toString();
    }

    @GET
    @Path("agenda")
    @Operation(summary = "Students: the published agendas of the launch section (objective, agenda steps, materials only)")
    public String agenda() {
        LaunchContext launch = requests.launch();
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (PlanViews.AgendaEntry e : plans.agenda(launch)) {
            JsonArrayBuilder steps = Json.createArrayBuilder();
            e.steps().forEach(steps::add);
            JsonArrayBuilder materials = Json.createArrayBuilder();
            e.materials().forEach(m -> materials.add(Json.createObjectBuilder().add("title", m.get("title")).add("url", m.get("url"))));
            a.add(Json.createObjectBuilder().add("date", e.date().toString()).add("endDate", e.endDate() == null ? "" : e.endDate().toString())
                    .add("startTime", e.startTime()).add("endTime", e.endTime()).add("iCan", e.iCan()).add("agenda", steps)
                    .add("materials", materials));
        }
        return a.build().toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft: {groupId?, model, title, date, periodMinutes?} starts from the model's template; "
            + "{groupId?, plan: {...}} from a whole document")
    @APIResponse(responseCode = "201", description = "the new plan")
    public Response create(String body) {
        LaunchContext launch = requests.launch();
        JsonObject o = JsonBodies.object(body);
        String groupId = blank(JsonBodies.string(o, "groupId"));
        JsonValue given = o.get("plan");
        PlanViews.Plan created;
        if (given != null && given.getValueType() == JsonValue.ValueType.OBJECT) {
            created = plans.create(launch, groupId, given.asJsonObject());
        } else {
            if (given != null && given.getValueType() != JsonValue.ValueType.NULL) {
                throw new InvalidRequestException("'plan' must be an object.", Map.of("plan", "must be an object"));
            }
            PlanModel model = PlanModel.parse(JsonBodies.string(o, "model")).orElseThrow(() -> new InvalidRequestException(
                    "Unknown co-teaching model: use ONE_TEACH_ONE_OBSERVE, ONE_TEACH_ONE_ASSIST, STATION, PARALLEL, ALTERNATIVE or TEAM.",
                    Map.of("model", "unknown")));
            String title = JsonBodies.string(o, "title");
            LocalDate date = date(JsonBodies.string(o, "date"), "date");
            int period = integer(o, "periodMinutes", 50);
            created = plans.createFromTemplate(launch, groupId, model, title == null ? "" : title, date, period);
        }
        PlanViews.Opened opened = plans.open(launch, created.id());
        return Response.created(URI.create(requests.contextPath() + "/api/plans/" + created.id()))
                .entity(PlanJson.plan(opened.plan(), opened.group(), opened.mayEdit()).build().toString()).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One plan: its document, version, status, minutes planned against the period, group")
    public String get(@PathParam("id") String id) {
        PlanViews.Opened o = plans.open(requests.launch(), id);
        return PlanJson.plan(o.plan(), o.group(), o.mayEdit()).build().toString();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save {baseVersion, plan}: stored, or merged with newer saves; 409 with the conflicts when both changed a field differently")
    @APIResponse(responseCode = "200", description = "saved (saved.kind SAVE, MERGE or NONE)")
    @APIResponse(responseCode = "409", description = "conflicts: {currentVersion, merged, conflicts[{path,label,base,mine,theirs}]}")
    public Response save(@PathParam("id") String id, String body) {
        LaunchContext launch = requests.launch();
        JsonObject o = JsonBodies.object(body);
        JsonValue base = o.get("baseVersion");
        if (!(base instanceof JsonNumber n) || !n.isIntegral()) {
            throw new InvalidRequestException("baseVersion (the version you started from) is required, as a whole number.",
                    Map.of("baseVersion", "required"));
        }
        JsonValue doc = o.get("plan");
        if (doc == null || doc.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRequestException("'plan' (the plan document) is required, as an object.", Map.of("plan", "required"));
        }
        PlanViews.Outcome outcome = plans.save(launch, id, n.longValue(), doc.asJsonObject(), "SAVE");
        if (outcome instanceof PlanViews.Conflicted c) {
            return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE).entity(PlanJson.conflict(c).build().toString()).build();
        }
        PlanViews.Saved s = (PlanViews.Saved) outcome;
        return Response.ok(PlanJson.saved(s, plans.open(launch, id).group()).build().toString()).build();
    }

    @POST
    @Path("{id}/publish")
    @Operation(summary = "Publish the student part (objective, agenda, materials) to the students of every section of the group")
    public String publish(@PathParam("id") String id) {
        return published(id, true);
    }

    @POST
    @Path("{id}/unpublish")
    @Operation(summary = "Hide the student part again")
    public String unpublish(@PathParam("id") String id) {
        return published(id, false);
    }

    private String published(String id, boolean publish) {
        LaunchContext launch = requests.launch();
        plans.publish(launch, id, publish);
        PlanViews.Opened o = plans.open(launch, id);
        return PlanJson.plan(o.plan(), o.group(), o.mayEdit()).build().toString();
    }

    @GET
    @Path("{id}/revisions")
    @Operation(summary = "Every version of the plan, newest first: who, when, what changed")
    public String revisions(@PathParam("id") String id) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        plans.revisions(requests.launch(), id).forEach(r -> a.add(PlanJson.revision(r)));
        return a.build().toString();
    }

    @GET
    @Path("{id}/revisions/{version}")
    @Operation(summary = "One version: its document and the changes against the previous version")
    public String revision(@PathParam("id") String id, @PathParam("version") long version) {
        return PlanJson.revisionDetail(plans.revision(requests.launch(), id, version)).build().toString();
    }

    @POST
    @Path("{id}/revisions/{version}/restore")
    @Operation(summary = "Restore a version: its document becomes a new version")
    public String restore(@PathParam("id") String id, @PathParam("version") long version) {
        LaunchContext launch = requests.launch();
        PlanViews.Saved s = plans.restore(launch, id, version);
        return PlanJson.saved(s, plans.open(launch, id).group()).build().toString();
    }

    @GET
    @Path("{id}/comments")
    @Operation(summary = "Comments on the plan, oldest first")
    public String comments(@PathParam("id") String id) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        plans.comments(requests.launch(), id).forEach(c -> a.add(PlanJson.comment(c)));
        return a.build().toString();
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a comment {text}")
    @APIResponse(responseCode = "201", description = "the comment")
    public Response comment(@PathParam("id") String id, String body) {
        JsonObject o = JsonBodies.object(body);
        PlanViews.Comment c = plans.comment(requests.launch(), id, JsonBodies.string(o, "text"));
        return Response.status(201).entity(PlanJson.comment(c).build().toString()).build();
    }

    @POST
    @Path("{id}/copy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Copy to another day {date} and/or another link group you teach in {groupId}, as a new draft")
    @APIResponse(responseCode = "201", description = "the copy")
    public Response copy(@PathParam("id") String id, String body) {
        LaunchContext launch = requests.launch();
        JsonObject o = JsonBodies.object(body);
        PlanViews.Plan copy = plans.copy(launch, id, date(JsonBodies.string(o, "date"), "date"), blank(JsonBodies.string(o, "groupId")));
        PlanViews.Opened opened = plans.open(launch, copy.id());
        return Response.created(URI.create(requests.contextPath() + "/api/plans/" + copy.id()))
                .entity(PlanJson.plan(opened.plan(), opened.group(), opened.mayEdit()).build().toString()).build();
    }

    static LocalDate date(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("'" + field + "' must be a date (YYYY-MM-DD).", Map.of(field, "not a date"));
        }
    }

    private static int integer(JsonObject o, String field, int dflt) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return dflt;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw new InvalidRequestException("'" + field + "' must be a whole number.", Map.of(field, "not a whole number"));
        }
        return n.intValue();
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
