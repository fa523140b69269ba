package app.tandem.alignment.web;

import app.tandem.alignment.application.Alignments;
import app.tandem.alignment.application.CourseMap;
import app.tandem.alignment.application.CourseMaps;
import app.tandem.alignment.application.CourseSettings;
import app.tandem.alignment.application.MapRules;
import app.tandem.alignment.application.SectionAccess;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.JsonBodies;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * JSON API of course maps and alignments: {@code /api/sections/{sectionId}/units|items|alignments|settings}.
 * Authenticated by the launch session (header X-Tandem-Session) and authorized like the pages: the section's
 * teachers (and linked teachers where district policy lets them edit) change it; coordinators of its district and
 * linked teachers read it; its students read only what students see. Another district's section is 404. Errors
 * are JSON {"status":4xx,"error":"...","fields":{"name":"why"}}; a stale version is 409.
 */
@Path("api/sections/{s}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Course maps", description = "Units, items and their alignments to standards (launch session in X-Tandem-Session)")
public class CourseMapApi {
    @Inject
    LaunchRequests requests;

    @Inject
    SectionAccess access;

    @Inject
    CourseMaps maps;

    @Inject
    Alignments alignments;

    @Inject
    CourseSettings settings;

    @Parameter(description = "the section id (LaunchContext.sectionId)")
    @PathParam("s")
    String sectionId;

    // ---- units

    @GET
    @Path("units")
    @Operation(summary = "The course map: units in order, each with its items and their alignments (students: student-visible items only)")
    public String units() {
        CourseMap map = maps.map(access.read(requests.launch(), sectionId));
        JsonArrayBuilder a = Json.createArrayBuilder();
        map.units().forEach(u -> a.add(unit(u)));
        return a.build().toString();
    }

    @GET
    @Path("units/{u}")
    @Operation(summary = "One unit with its items")
    public String unit(@PathParam("u") String u) {
        return unit(maps.unit(access.read(requests.launch(), sectionId), u)).build().toString();
    }

    @POST
    @Path("units")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a unit at the end: {title, description}")
    @APIResponse(responseCode = "201", description = "the unit")
    public Response createUnit(@RequestBody(description = "{\"title\": \"Ratios\", \"description\": \"…\"}") String body) {
        JsonObject o = JsonBodies.object(body);
        LaunchContext launch = requests.launch();
        CourseMap.Unit u = maps.createUnit(launch, access.edit(launch, sectionId), JsonBodies.string(o, "title"), JsonBodies.string(o, "description"));
        return Response.status(201).entity(unit(u).build().toString()).build();
    }

    @PUT
    @Path("units/{u}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a unit: {title, description, version}; a stale version is 409 naming what differs")
    public String updateUnit(@PathParam("u") String u, String body) {
        JsonObject o = JsonBodies.object(body);
        LaunchContext launch = requests.launch();
        return unit(maps.updateUnit(launch, access.edit(launch, sectionId), u, JsonBodies.string(o, "title"), JsonBodies.string(o, "description"),
                version(o))).build().toString();
    }

    @DELETE
    @Path("units/{u}")
    @Operation(summary = "Delete a unit with its items (their alignments' removal is recorded); version= optional")
    @APIResponse(responseCode = "204", description = "deleted")
    public Response deleteUnit(@PathParam("u") String u, @QueryParam("version") String version) {
        LaunchContext launch = requests.launch();
        maps.deleteUnit(launch, access.edit(launch, sectionId), u, CoursePages.version(version));
        return Response.noContent().build();
    }

    @PUT
    @Path("units/order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reorder the units: {unitIds: [...]} naming every unit of the section (else 409)")
    public String orderUnits(String body) {
        JsonObject o = JsonBodies.object(body);
        LaunchContext launch = requests.launch();
        SectionAccess.Grant grant = access.edit(launch, sectionId);
        maps.orderUnits(grant, CoursePages.ids(JsonBodies.strings(o, "unitIds"), "unitIds"));
        return units();
    }

    @POST
    @Path("units/{u}/copy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Copy a unit with its items and alignments to another section the person teaches or may edit: {targetSectionId}")
    @APIResponse(responseCode = "201", description = "what was copied and which alignments were left out")
    public Response copyUnit(@PathParam("u") String u, String body) {
        JsonObject o = JsonBodies.object(body);
        String target = JsonBodies.string(o, "targetSectionId");
        if (target == null || target.isBlank()) {
            throw new InvalidRequestException("Name the section to copy to.", Map.of("targetSectionId", "required"));
        }
        LaunchContext launch = requests.launch();
        CourseMaps.CopyResult r = maps.copyUnit(launch, access.teacherRead(launch, sectionId), u, access.edit(launch, target));
        JsonArrayBuilder skipped = Json.createArrayBuilder();
        r.skippedCodes().forEach(skipped::add);
        return Response.status(201).entity(Json.createObjectBuilder().add("targetSectionId", r.target().id()).add("unitId", r.unitId())
                .add("items", r.items()).add("alignments", r.alignments()).add("skippedAlignments", r.skippedAlignments())
                .add("skippedCodes", skipped).build().toString()).build();
    }

    // ---- items

    @GET
    @Path("items")
    @Operation(summary = "Items of the section in map order (unitId= one unit's)")
    public String items(@QueryParam("unitId") String unitId) {
        CourseMap map = maps.map(access.read(requests.launch(), sectionId));
        JsonArrayBuilder a = Json.createArrayBuilder();
        map.units().stream().filter(u -> unitId == null || u.id().equals(unitId)).flatMap(u -> u.items().stream()).forEach(i -> a.add(item(i)));
        return a.build().toString();
    }

    @GET
    @Path("items/{i}")
    @Operation(summary = "One item with its alignments")
    public String item(@PathParam("i") String i) {
        return item(maps.item(access.read(requests.launch(), sectionId), i)).build().toString();
    }

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an item at the end of a unit: {unitId, kind: RESOURCE|LTI_LINK|NOTE, title, url, "
            + "resourceType: lesson|activity|assessment|reading|video|other, description, ltiLink: {type, url, title, custom}, studentVisible}")
    @APIResponse(responseCode = "201", description = "the item")
    public Response createItem(String body) {
        JsonObject o = JsonBodies.object(body);
        LaunchContext launch = requests.launch();
        String unitId = JsonBodies.string(o, "unitId");
        if (unitId == null) {
            throw new InvalidRequestException("Name the unit the item goes into.", Map.of("unitId", "required"));
        }
        CourseMap.Item i = maps.createItem(launch, access.edit(launch, sectionId), unitId, input(o));
        return Response.status(201).entity(item(i).build().toString()).build();
    }

    @PUT
    @Path("items/{i}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit an item (all fields as for POST, plus version); a stale version is 409 naming what differs")
    public String updateItem(@PathParam("i") String i, String body) {
        JsonObject o = JsonBodies.object(body);
        LaunchContext launch = requests.launch();
        return item(maps.updateItem(launch, access.edit(launch, sectionId), i, input(o), version(o))).build().toString();
    }

    @POST
    @Path("items/{i}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move an item: {delta: -1|1} within its unit, or {unitId, version} to the end of another unit")
    public String moveItem(@PathParam("i") String i, String body) {
        JsonObject o = JsonBodies.object(body);
        LaunchContext launch = requests.launch();
        SectionAccess.Grant grant = access.edit(launch, sectionId);
        String unitId = JsonBodies.string(o, "unitId");
        if (unitId != null) {
            maps.moveItemToUnit(grant, i, unitId, version(o));
        } else {
            JsonValue d = o.get("delta");
            maps.moveItem(grant, i, CoursePages.delta(d == null ? null : d instanceof JsonNumber n ? n.toString() : JsonBodies.string(o, "delta")));
        }
        return item(maps.item(grant, i)).build().toString();
    }

    @DELETE
    @Path("items/{i}")
    @Operation(summary = "Delete an item (its alignments' removal is recorded); version= optional")
    @APIResponse(responseCode = "204", description = "deleted")
    public Response deleteItem(@PathParam("i") String i, @QueryParam("version") String version) {
        LaunchContext launch = requests.launch();
        maps.deleteItem(launch, access.edit(launch, sectionId), i, CoursePages.version(version));
        return Response.noContent().build();
    }

    @PUT
    @Path("units/{u}/items/order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reorder a unit's items: {itemIds: [...]}: all of its items, plus items of other units moved into it")
    public String orderItems(@PathParam("u") String u, String body) {
        JsonObject o = JsonBodies.object(body);
        LaunchContext launch = requests.launch();
        maps.orderItems(access.edit(launch, sectionId), u, CoursePages.ids(JsonBodies.strings(o, "itemIds"), "itemIds"));
        return items(u);
    }

    // ---- alignments

    @GET
    @Path("alignments")
    @Operation(summary = "Alignments of the section (itemId= one item's), with each standard's code, statement and retired flag")
    public String alignmentList(@QueryParam("itemId") String itemId) {
        SectionAccess.Grant grant = access.read(requests.launch(), sectionId);
        List<CourseMap.Alignment> list = itemId == null ? alignments.ofSection(grant) : alignments.ofItem(grant, itemId);
        JsonArrayBuilder a = Json.createArrayBuilder();
        list.forEach(x -> a.add(alignment(x)));
        return a.build().toString();
    }

    @POST
    @Path("alignments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Align: {itemId, standardId (or code), type: TEACHES|PRACTISES|ASSESSES} → the alignment (201 new, 200 existing); "
            + "bulk: {itemIds: [...], standardIds: [...] and/or codes: [...], type} → counts")
    public Response align(String body) {
        JsonObject o = JsonBodies.object(body);
        LaunchContext launch = requests.launch();
        SectionAccess.Grant grant = access.edit(launch, sectionId);
        String type = JsonBodies.string(o, "type");
        List<String> itemIds = JsonBodies.strings(o, "itemIds");
        List<String> standardIds = JsonBodies.strings(o, "standardIds");
        List<String> codes = JsonBodies.strings(o, "codes");
        if (itemIds == null && standardIds == null && codes == null) {
            String standardId = JsonBodies.string(o, "standardId");
            String code = JsonBodies.string(o, "code");
            String id = standardId != null ? standardId : alignments.resolveCode(grant, code);
            Alignments.Added added = alignments.add(launch, grant, JsonBodies.string(o, "itemId"), id, type);
            return Response.status(added.created() ? 201 : 200).entity(alignment(added.alignment()).build().toString()).build();
        }
        List<String> items = new ArrayList<>(itemIds == null ? List.of() : itemIds);
        String single = JsonBodies.string(o, "itemId");
        if (single != null) {
            items.add(single);
        }
        List<String> standards = new ArrayList<>(standardIds == null ? List.of() : standardIds);
        if (codes != null) {
            if (codes.size() > Alignments.MAX_BULK_STANDARDS) {
                throw new InvalidRequestException("At most " + Alignments.MAX_BULK_STANDARDS + " codes at once.", Map.of("codes", "too many"));
            }
            codes.forEach(c -> standards.add(alignments.resolveCode(grant, c)));
        }
        Alignments.BulkResult r = alignments.bulk(launch, grant, items, standards, type);
        JsonArrayBuilder c = Json.createArrayBuilder();
        r.codes().forEach(c::add);
        return Response.status(r.created() > 0 ? 201 : 200).entity(Json.createObjectBuilder().add("items", r.items()).add("codes", c)
                .add("created", r.created()).add("existing", r.existing()).build().toString()).build();
    }

    @DELETE
    @Path("alignments/{a}")
    @Operation(summary = "Remove an alignment (recorded in the history)")
    @APIResponse(responseCode = "204", description = "removed")
    public Response unalign(@PathParam("a") String a) {
        LaunchContext launch = requests.launch();
        alignments.remove(launch, access.edit(launch, sectionId), null, a);
        return Response.noContent().build();
    }

    @GET
    @Path("alignments/history")
    @Operation(summary = "Alignment changes, newest first (itemId= one item's; limit= at most 500); teachers and coordinators")
    public String history(@QueryParam("itemId") String itemId, @QueryParam("limit") Integer limit) {
        SectionAccess.Grant grant = access.teacherRead(requests.launch(), sectionId);
        JsonArrayBuilder a = Json.createArrayBuilder();
        alignments.history(grant, itemId, limit == null ? 200 : limit).forEach(e -> {
            JsonObjectBuilder b = Json.createObjectBuilder().add("itemId", e.itemId()).add("standardId", e.standardId())
                    .add("type", e.type().name()).add("action", e.action()).add("occurredAt", e.occurredAt().toString());
            add(b, "itemTitle", e.itemTitle());
            add(b, "standardCode", e.standardCode());
            add(b, "by", e.personName());
            a.add(b);
        });
        return a.build().toString();
    }

    // ---- settings

    @GET
    @Path("settings")
    @Operation(summary = "The section's grades, subjects, chosen frameworks (empty: defaults) and the frameworks in effect")
    public String settings() {
        SectionAccess.Grant grant = access.teacherRead(requests.launch(), sectionId);
        return settings(settings.of(grant.section().districtId(), sectionId)).build().toString();
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the settings: {grades: [\"07\"], subjects: [\"Mathematics\"], frameworkIds: [...], school, version}")
    public String saveSettings(String body) {
        JsonObject o = JsonBodies.object(body);
        LaunchContext launch = requests.launch();
        SectionAccess.Grant grant = access.edit(launch, sectionId);
        return settings(settings.save(launch, grant, set(JsonBodies.strings(o, "grades")), set(JsonBodies.strings(o, "subjects")),
                set(JsonBodies.strings(o, "frameworkIds")), JsonBodies.string(o, "school"), o.containsKey("version") ? version(o) : null))
                .build().toString();
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : new LinkedHashSet<>(values);
    }

    // ---- JSON

    private static JsonObjectBuilder settings(CourseSettings.Settings s) {
        JsonArrayBuilder frameworks = Json.createArrayBuilder();
        s.frameworks().forEach(f -> frameworks.add(Json.createObjectBuilder().add("id", f.id()).add("title", f.title())));
        JsonObjectBuilder b = Json.createObjectBuilder().add("sectionId", s.sectionId()).add("grades", strings(s.grades()))
                .add("subjects", strings(s.subjects())).add("frameworkIds", strings(s.chosenFrameworkIds())).add("defaults", s.defaults())
                .add("frameworks", frameworks).add("version", s.version());
        add(b, "school", s.school());
        return b;
    }

    private static JsonArrayBuilder strings(Iterable<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    static JsonObjectBuilder unit(CourseMap.Unit u) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        u.items().forEach(i -> items.add(item(i)));
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", u.id()).add("title", u.title()).add("position", u.position())
                .add("version", u.version()).add("items", items);
        add(b, "description", u.description());
        return b;
    }

    static JsonObjectBuilder item(CourseMap.Item i) {
        JsonArrayBuilder aligned = Json.createArrayBuilder();
        i.alignments().forEach(a -> aligned.add(alignment(a)));
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", i.id()).add("unitId", i.unitId()).add("kind", i.kind()).add("title", i.title())
                .add("studentVisible", i.studentVisible()).add("position", i.position()).add("version", i.version()).add("alignments", aligned);
        add(b, "url", i.url());
        add(b, "resourceType", i.resourceType());
        add(b, "description", i.description());
        if (i.ltiLink() != null) {
            try (var r = Json.createReader(new StringReader(i.ltiLink()))) {
                b.add("ltiLink", r.readValue());
            }
        }
        return b;
    }

    static JsonObjectBuilder alignment(CourseMap.Alignment a) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", a.id()).add("itemId", a.itemId()).add("standardId", a.standardId())
                .add("type", a.type().name()).add("retired", a.retired()).add("missing", a.missing());
        add(b, "frameworkId", a.frameworkId());
        add(b, "frameworkTitle", a.frameworkTitle());
        add(b, "code", a.code());
        add(b, "statement", a.statement());
        add(b, "domain", a.domainLabel());
        add(b, "cluster", a.clusterLabel());
        add(b, "createdBy", a.createdByName());
        if (a.createdAt() != null) {
            b.add("createdAt", a.createdAt().toString());
        }
        return b;
    }

    private static void add(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    private static MapRules.ItemInput input(JsonObject o) {
        JsonValue link = o.get("ltiLink");
        String ltiLink = link == null || link.getValueType() == JsonValue.ValueType.NULL ? null
                : link.getValueType() == JsonValue.ValueType.STRING ? JsonBodies.string(o, "ltiLink") : link.toString();
        JsonValue visible = o.get("studentVisible");
        Boolean studentVisible = null;
        if (visible != null && visible.getValueType() != JsonValue.ValueType.NULL) {
            if (visible != JsonValue.TRUE && visible != JsonValue.FALSE) {
                throw new InvalidRequestException("The field 'studentVisible' must be true or false.", Map.of("studentVisible", "must be a boolean"));
            }
            studentVisible = visible == JsonValue.TRUE;
        }
        return MapRules.item(JsonBodies.string(o, "kind"), JsonBodies.string(o, "title"), JsonBodies.string(o, "url"),
                JsonBodies.string(o, "resourceType"), JsonBodies.string(o, "description"), ltiLink, studentVisible);
    }

    private static Long version(JsonObject o) {
        JsonValue v = o.get("version");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            return n.longValue();
        }
        if (v.getValueType() == JsonValue.ValueType.STRING) {
            return CoursePages.version(JsonBodies.string(o, "version"));
        }
        throw new InvalidRequestException("The field 'version' must be a whole number.", Map.of("version", "must be a whole number"));
    }
}
