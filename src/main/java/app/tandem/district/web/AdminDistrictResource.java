package app.tandem.district.web;

import app.tandem.common.AdminApi;
import app.tandem.common.AuditTrail;
import app.tandem.common.ApiError;
import app.tandem.common.JsonBodies;
import app.tandem.district.application.DistrictAudit;
import app.tandem.district.application.DistrictCoordinators;
import app.tandem.district.application.DistrictData;
import app.tandem.district.application.DistrictService;
import app.tandem.district.application.DistrictService.District;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Automation API for districts (bearer TANDEM_ADMIN_TOKEN). */
@Path("api/admin/districts")
@AdminApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: districts")
public class AdminDistrictResource {
    @Inject
    DistrictService districts;

    @Inject
    DistrictAudit audit;

    @Inject
    DistrictCoordinators coordinators;

    @Inject
    DistrictData data;

    @GET
    @Operation(summary = "List districts")
    public String list() {
        JsonArrayBuilder arr = Json.createArrayBuilder();
        districts.list().forEach(d -> arr.add(json(d)));
        return arr.build().toString();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one district")
    public Response get(@PathParam("id") String id) {
        return districts.get(id).map(d -> Response.ok(json(d).build().toString()).build())
                .orElseGet(() -> ApiError.of(404, "No district " + id + "."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a district: name")
    public Response create(String body) {
        District d = districts.create(JsonBodies.string(JsonBodies.object(body), "name"));
        return Response.status(201).entity(json(d).build().toString()).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a district: name")
    public String rename(@PathParam("id") String id, String body) {
        return json(districts.rename(id, JsonBodies.string(JsonBodies.object(body), "name"))).build().toString();
    }

    @GET
    @Path("{id}/audit")
    @Operation(summary = "One page (50 entries) of a district's audit log, newest first: page?, action?, person?")
    public Response audit(@PathParam("id") String id, @QueryParam("page") String page, @QueryParam("action") String action,
                          @QueryParam("person") String person) {
        DistrictAudit.Query q = DistrictAudit.query(page, action, person);
        return ofKnown(id, () -> Response.ok(AuditApi.json(audit.page(id, q)).build().toString()).build());
    }

    @GET
    @Path("{id}/coordinators")
    @Operation(summary = "The district's coordinators granted in Tandem (LMS administrators are coordinators by their LTI role and are not listed)")
    public Response coordinators(@PathParam("id") String id) {
        return ofKnown(id, () -> Response.ok(CoordinatorsApi.grants(coordinators.list(id))).build());
    }

    @PUT
    @Path("{id}/coordinators/{personId}")
    @Operation(summary = "Grants the coordinator role to a person who teaches in the district: 201 granted, 200 already granted, 400 not a teacher there")
    public Response grantCoordinator(@PathParam("id") String id, @PathParam("personId") String personId) {
        return ofKnown(id, () -> Response.status(coordinators.grant(id, personId, AuditTrail.Actor.adminApi()) ? 201 : 200)
                .entity(Json.createObjectBuilder().add("personId", personId).add("granted", true).build().toString()).build());
    }

    @DELETE
    @Path("{id}/coordinators/{personId}")
    @Operation(summary = "Revokes a coordinator grant (the person's open sessions in the district lose the role): 204, or 404 when there was none")
    public Response revokeCoordinator(@PathParam("id") String id, @PathParam("personId") String personId) {
        return ofKnown(id, () -> coordinators.revoke(id, personId, AuditTrail.Actor.adminApi()) ? Response.noContent().build()
                : ApiError.of(404, "Person " + personId + " has no coordinator grant in district " + id + "."));
    }

    @GET
    @Path("{id}/export")
    @Produces("application/zip")
    @Operation(summary = "Download all of a district's data: a ZIP of JSON Lines files (one per table) and manifest.json; logged as district.exported")
    public Response export(@PathParam("id") String id) {
        return DataPages.zip(data.export(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Erase a district and all its data, irreversibly, in one transaction: confirm = the district's exact name; answers the rows deleted per table")
    public String erase(@PathParam("id") String id, @QueryParam("confirm") String confirm) {
        return rows(data.erase(id, confirm)).add("id", id).add("erased", true).build().toString();
    }

    @DELETE
    @Path("{id}/people/{personId}")
    @Operation(summary = "Erase one person of the district who asked for it: person, memberships, sessions, presence, calendar feeds; "
            + "their name becomes \"Deleted person\" where shared content copied it; answers the rows deleted or changed per table")
    public String erasePerson(@PathParam("id") String id, @PathParam("personId") String personId) {
        return rows(data.erasePerson(id, personId)).add("personId", personId).build().toString();
    }

    private static JsonObjectBuilder rows(Map<String, Integer> perTable) {
        JsonObjectBuilder tables = Json.createObjectBuilder();
        perTable.forEach(tables::add);
        return Json.createObjectBuilder().add("rows", perTable.values().stream().mapToLong(Integer::longValue).sum()).add("tables", tables);
    }

    /** The answer for a district that exists; 404 for an unknown one. */
    private Response ofKnown(String id, Supplier<Response> answer) {
        return districts.get(id).isPresent() ? answer.get() : ApiError.of(404, "No district " + id + ".");
    }

    private static JsonObjectBuilder json(District d) {
        return Json.createObjectBuilder().add("id", d.id()).add("name", d.name());
    }
}
