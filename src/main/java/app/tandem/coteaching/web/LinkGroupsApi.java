package app.tandem.coteaching.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.JsonBodies;
import app.tandem.common.Paged;
import app.tandem.coteaching.application.CoteachingPolicies;
import app.tandem.coteaching.application.LinkAudit;
import app.tandem.coteaching.application.LinkGroups;
import app.tandem.coteaching.application.LinkPolicy;
import app.tandem.coteaching.application.LinkViews.CoTeacher;
import app.tandem.coteaching.application.LinkViews.Group;
import app.tandem.coteaching.application.LinkViews.Invitation;
import app.tandem.coteaching.application.LinkViews.NewInvitation;
import app.tandem.coteaching.application.LinkViews.Preview;
import app.tandem.coteaching.application.LinkViews.SectionTeachers;
import app.tandem.coteaching.application.Linking;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import app.tandem.lti.api.Sections.Section;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * JSON API of linked sections. Authenticated by the launch session (header X-Tandem-Session) and scoped to the
 * launch's district: a group is seen and changed only by teachers of its sections (others 403, another district's
 * 404); invitations and joins need a teacher of the section concerned; policy and log are for coordinators.
 * Errors are JSON: {"status":4xx,"error":"...","fields":{...}}.
 */
@Path("api/linkgroups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Link groups", description = "Linked sections: invitations, join, leave, dissolve, co-teachers, district policy and log (launch session in X-Tandem-Session)")
public class LinkGroupsApi {
    @Inject
    LaunchRequests requests;

    @Inject
    LinkGroups groups;

    @Inject
    Linking linking;

    @Inject
    CoteachingPolicies policies;

    @Inject
    LinkAudit audit;

    @GET
    @Operation(summary = "The live link groups of the sections the person teaches in this district")
    public String mine() {
        LaunchContext launch = requests.launch();
        JsonArrayBuilder a = Json.createArrayBuilder();
        groups.groupsOf(launch).forEach(g -> a.add(group(g)));
        return a.build().toString();
    }

    @GET
    @Path("sections")
    @Operation(summary = "The sections the person teaches in this district (the launch's first), each with its link group id or null")
    public String mySections() {
        LaunchContext launch = requests.launch();
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Section s : groups.myDistrictSections(launch)) {
            JsonObjectBuilder o = section(s);
            groups.groupOfSection(s.id()).ifPresentOrElse(g -> o.add("groupId", g.id()).add("groupName", g.name()),
                    () -> o.addNull("groupId"));
            a.add(o);
        }
        return a.build().toString();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A link group with its sections and their teachers (teachers of its sections only)")
    @APIResponse(responseCode = "403", description = "not a teacher of the group's sections")
    @APIResponse(responseCode = "404", description = "no such live group in the launch's district")
    public String get(@PathParam("id") String id) {
        LaunchContext launch = requests.launch();
        Group g = groups.visibleGroup(launch, id);
        return group(g).add("members", members(groups.coTeachers(g))).build().toString();
    }

    @GET
    @Path("{id}/members")
    @Operation(summary = "The group's sections, each with its teachers and their roles (from launches and the LMS roster)")
    public String members(@PathParam("id") String id) {
        LaunchContext launch = requests.launch();
        return members(groups.coTeachers(groups.visibleGroup(launch, id))).build().toString();
    }

    @POST
    @Path("{id}/leave")
    @Operation(summary = "Take one of the person's sections out of the group (body: sectionId, default the launch's section); "
            + "204 when that dissolved the group (no section left)")
    public Response leave(@PathParam("id") String id, @RequestBody(description = "{\"sectionId\": \"...\"}") String body) {
        LaunchContext launch = requests.launch();
        String sectionId = body == null || body.isBlank() ? null : JsonBodies.string(JsonBodies.object(body), "sectionId");
        Optional<Group> after = groups.leave(launch, id, sectionId == null ? launch.sectionId() : sectionId);
        return after.map(g -> Response.ok(group(g).build().toString()).build()).orElseGet(() -> Response.noContent().build());
    }

    @POST
    @Path("{id}/dissolve")
    @Operation(summary = "Dissolve the group (any teacher of its sections): no section stays linked")
    @APIResponse(responseCode = "204", description = "dissolved")
    public Response dissolve(@PathParam("id") String id) {
        groups.dissolve(requests.launch(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("invitations")
    @Operation(summary = "Open invitations of a section the person teaches (default: the launch's section), newest first; codes are never shown again")
    public String invitations(@Parameter(description = "section id (default: the launch's section)") @QueryParam("sectionId") String sectionId) {
        LaunchContext launch = requests.launch();
        JsonArrayBuilder a = Json.createArrayBuilder();
        groups.openInvitations(launch, sectionId == null ? launch.sectionId() : sectionId).forEach(i -> a.add(invitation(i)));
        return a.build().toString();
    }

    @POST
    @Path("invitations")
    @Operation(summary = "Create an invitation for a section the person teaches (body: sectionId?, label?, days? 1-30, default 7); "
            + "the answer holds the code, shown this once")
    @APIResponse(responseCode = "201", description = "created; code in the body")
    public Response invite(@RequestBody(description = "{\"sectionId\": \"...\", \"label\": \"for Mr Chen\", \"days\": 7}") String body) {
        LaunchContext launch = requests.launch();
        JsonObject o = body == null || body.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonBodies.object(body);
        String sectionId = JsonBodies.string(o, "sectionId");
        NewInvitation created = groups.invite(launch, sectionId == null ? launch.sectionId() : sectionId, JsonBodies.string(o, "label"),
                integer(o, "days"));
        return Response.status(201).entity(invitation(created.invitation()).add("code", created.code()).build().toString()).build();
    }

    @DELETE
    @Path("invitations/{id}")
    @Operation(summary = "Revoke an open invitation of a section the person teaches")
    public String revoke(@PathParam("id") String id) {
        return invitation(groups.revoke(requests.launch(), id)).build().toString();
    }

    @POST
    @Path("join/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "What entering the code for the section would do (body: code, sectionId?); changes nothing. "
            + "A code that does not work answers 400 with one message whatever the reason; 429 after 10 such codes in 15 minutes")
    public String preview(@RequestBody(description = "{\"code\": \"KQ7-M4P-2XD\", \"sectionId\": \"...\"}") String body) {
        LaunchContext launch = requests.launch();
        JsonObject o = JsonBodies.object(body);
        String sectionId = JsonBodies.string(o, "sectionId");
        Preview p = linking.preview(launch, JsonBodies.string(o, "code"), sectionId == null ? launch.sectionId() : sectionId);
        JsonArrayBuilder teachers = Json.createArrayBuilder();
        p.invitingTeachers().forEach(teachers::add);
        JsonObjectBuilder b = Json.createObjectBuilder().add("inviting", section(p.inviting())).add("joining", section(p.joining()))
                .add("sizeAfter", p.sizeAfter()).add("invitingTeachers", teachers);
        if (p.groupName() == null) {
            b.addNull("groupName");
        } else {
            b.add("groupName", p.groupName());
        }
        return b.build().toString();
    }

    @POST
    @Path("join")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link a section the person teaches (body: code, sectionId? default the launch's) with the invitation's section; "
            + "both are then in one group. 400 for a code that does not work, 403 across LMSs unless the district allows it, "
            + "409 when the section is already linked or the group is full, 429 after 10 failed codes in 15 minutes")
    @APIResponse(responseCode = "200", description = "the group after the join")
    public String join(@RequestBody(description = "{\"code\": \"KQ7-M4P-2XD\", \"sectionId\": \"...\"}") String body) {
        LaunchContext launch = requests.launch();
        JsonObject o = JsonBodies.object(body);
        String sectionId = JsonBodies.string(o, "sectionId");
        return group(linking.join(launch, JsonBodies.string(o, "code"), sectionId == null ? launch.sectionId() : sectionId)).build().toString();
    }

    // ---- coordinators

    @GET
    @Path("policy")
    @Operation(summary = "The district's co-teaching policy and its number of live link groups (coordinators)")
    public String policy() {
        LaunchContext launch = requests.launch();
        CoteachingPolicies.requireCoordinator(launch);
        return policy(launch, policies.of(launch.districtId())).build().toString();
    }

    @PUT
    @Path("policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the district's co-teaching policy (coordinators): allowCrossPlatform, maxGroupSize 2-50, linkedMayEdit, "
            + "plansMayNameStudents; version? (409 when someone saved in between)")
    public String savePolicy(@RequestBody(description = "{\"allowCrossPlatform\": false, \"maxGroupSize\": 4, \"linkedMayEdit\": false, "
            + "\"plansMayNameStudents\": false, \"version\": 3}") String body) {
        LaunchContext launch = requests.launch();
        CoteachingPolicies.requireCoordinator(launch);
        JsonObject o = JsonBodies.object(body);
        LinkPolicy current = policies.of(launch.districtId());
        Integer max = integer(o, "maxGroupSize");
        LinkPolicy wanted = LinkPolicy.validated(bool(o, "allowCrossPlatform", current.allowCrossPlatform()), max == null ? current.maxGroupSize() : max,
                bool(o, "linkedMayEdit", current.linkedMayEdit()), bool(o, "plansMayNameStudents", current.plansMayNameStudents()), 0);
        Integer version = integer(o, "version");
        return policy(launch, policies.save(launch, wanted, version == null ? null : version.longValue())).build().toString();
    }

    @GET
    @Path("audit")
    @Operation(summary = "The district's link log, newest first, 25 a page (coordinators)")
    public String auditLog(@Parameter(description = "page, from 1") @QueryParam("page") Integer page) {
        LaunchContext launch = requests.launch();
        CoteachingPolicies.requireCoordinator(launch);
        Paged<LinkAudit.Entry> p = audit.page(launch.districtId(), page == null ? 1 : page);
        JsonArrayBuilder entries = Json.createArrayBuilder();
        for (LinkAudit.Entry e : p.entries()) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("id", e.id()).add("at", e.at().toString()).add("action", e.action().name())
                    .add("summary", e.summary());
            opt(b, "actor", e.actorName());
            opt(b, "groupId", e.groupId());
            opt(b, "groupName", e.groupName());
            opt(b, "sectionId", e.sectionId());
            opt(b, "sectionTitle", e.sectionTitle());
            opt(b, "otherSectionId", e.otherSectionId());
            opt(b, "otherSectionTitle", e.otherSectionTitle());
            opt(b, "detail", e.detail());
            entries.add(b);
        }
        return Json.createObjectBuilder().add("page", p.page()).add("pages", p.pages()).add("total", p.total()).add("pageSize", p.pageSize())
                .add("entries", entries).build().toString();
    }

    // ---- JSON

    private JsonObjectBuilder policy(LaunchContext launch, LinkPolicy p) {
        return Json.createObjectBuilder().add("withinDistrictOnly", true).add("allowCrossPlatform", p.allowCrossPlatform())
                .add("maxGroupSize", p.maxGroupSize()).add("linkedMayEdit", p.linkedMayEdit()).add("plansMayNameStudents", p.plansMayNameStudents())
                .add("version", p.version()).add("liveGroups", groups.liveGroups(launch.districtId()));
    }

    private static JsonObjectBuilder group(Group g) {
        JsonArrayBuilder sections = Json.createArrayBuilder();
        g.sections().forEach(m -> sections.add(section(m.section()).add("joinedAt", m.joinedAt().toString())));
        return Json.createObjectBuilder().add("id", g.id()).add("name", g.name()).add("createdAt", g.createdAt().toString())
                .add("sections", sections);
    }

    private static JsonArrayBuilder members(List<SectionTeachers> all) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (SectionTeachers st : all) {
            JsonArrayBuilder teachers = Json.createArrayBuilder();
            for (CoTeacher t : st.teachers()) {
                JsonArrayBuilder roles = Json.createArrayBuilder();
                t.roles().forEach(roles::add);
                teachers.add(Json.createObjectBuilder().add("personId", t.personId()).add("name", t.name()).add("roles", roles)
                        .add("openedTandem", t.openedTandem()));
            }
            a.add(section(st.section()).add("joinedAt", st.joinedAt().toString()).add("teachers", teachers));
        }
        return a;
    }

    private static JsonObjectBuilder section(Section s) {
        return Json.createObjectBuilder().add("id", s.id()).add("title", s.displayTitle()).add("platform", s.platformName() == null ? "" : s.platformName());
    }

    private static JsonObjectBuilder invitation(Invitation i) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", i.id()).add("sectionId", i.sectionId()).add("status", i.status().name())
                .add("createdAt", i.createdAt().toString()).add("expiresAt", i.expiresAt().toString());
        opt(b, "label", i.label());
        opt(b, "createdBy", i.createdByName());
        opt(b, "usedAt", i.usedAt() == null ? null : i.usedAt().toString());
        return b;
    }

    private static void opt(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    private static Integer integer(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER || !((jakarta.json.JsonNumber) v).isIntegral()) {
            throw new InvalidRequestException("The field '" + field + "' must be a whole number.", Map.of(field, "must be a whole number"));
        }
        try {
            return ((jakarta.json.JsonNumber) v).intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidRequestException("The field '" + field + "' is out of range.", Map.of(field, "out of range"));
        }
    }

    private static boolean bool(JsonObject o, String field, boolean absent) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return absent;
        }
        if (v.getValueType() != JsonValue.ValueType.TRUE && v.getValueType() != JsonValue.ValueType.FALSE) {
            throw new InvalidRequestException("The field '" + field + "' must be true or false.", Map.of(field, "must be true or false"));
        }
        return v.getValueType() == JsonValue.ValueType.TRUE;
    }
}
