package app.tandem.coteaching.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.application.CoteachingPolicies;
import app.tandem.coteaching.application.LinkGroups;
import app.tandem.coteaching.application.LinkViews.Group;
import app.tandem.coteaching.application.LinkViews.NewInvitation;
import app.tandem.coteaching.application.LinkViews.Preview;
import app.tandem.coteaching.application.Linking;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import app.tandem.lti.api.Sections.Section;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The teacher's "Linked sections" panel for the launch's section (htmx fragment on the teacher home): the section's
 * link group and co-teachers, leave or dissolve; invitations (create, shown once, revoke); entering a code, checking
 * what it links, confirming. Every answer is the whole panel; a refused request is the panel with the reason, as a 4xx.
 */
@Path("app/links")
@RequestScoped
public class LinksPages {
    @Inject
    LaunchRequests requests;

    @Inject
    LinkGroups groups;

    @Inject
    Linking linking;

    @Inject
    CoteachingPolicies policies;

    /** @param confirm {@code leave} or {@code dissolve}: ask before doing it */
    @GET
    public Response panel(@QueryParam("confirm") String confirm) {
        return guard(launch -> {
            Map<String, Object> m = new HashMap<>();
            if ("leave".equals(confirm) || "dissolve".equals(confirm)) {
                m.put("confirm", confirm);
            }
            return m;
        });
    }

    @POST
    @Path("invitations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response invite(@FormParam("label") String label, @FormParam("days") String days) {
        return guard(launch -> {
            NewInvitation created = groups.invite(launch, launch.sectionId(), label, days(days));
            return Map.of("created", created);
        });
    }

    @POST
    @Path("invitations/{id}/revoke")
    public Response revoke(@PathParam("id") String id) {
        return guard(launch -> {
            groups.revoke(launch, id);
            return Map.of("message", "The invitation is revoked: its code no longer works.");
        });
    }

    @POST
    @Path("join/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response check(@FormParam("code") String code, @FormParam("sectionId") String sectionId) {
        return guard(launch -> {
            Preview preview = linking.preview(launch, code, sectionId);
            return Map.of("preview", preview, "previewCode", code == null ? "" : code.strip());
        });
    }

    @POST
    @Path("join")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response join(@FormParam("code") String code, @FormParam("sectionId") String sectionId) {
        return guard(launch -> {
            Group group = linking.join(launch, code, sectionId);
            String mine = group.sections().stream().filter(s -> s.section().id().equals(sectionId)).findFirst()
                    .map(s -> s.section().displayTitle()).orElse("Your section");
            return Map.of("message", mine + " is now linked: its link group \u201c" + group.name() + "\u201d has "
                    + group.sections().size() + " sections.");
        });
    }

    @POST
    @Path("groups/{id}/leave")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response leave(@PathParam("id") String groupId, @FormParam("sectionId") String sectionId) {
        return guard(launch -> {
            Optional<Group> after = groups.leave(launch, groupId, sectionId == null ? launch.sectionId() : sectionId);
            return Map.of("message", after.isEmpty() ? "The section left its link group, which had no other section and is now dissolved."
                    : "The section left the link group \u201c" + after.get().name() + "\u201d.");
        });
    }

    @POST
    @Path("groups/{id}/dissolve")
    public Response dissolve(@PathParam("id") String groupId) {
        return guard(launch -> {
            groups.dissolve(launch, groupId);
            return Map.of("message", "The link group is dissolved: its sections are no longer linked.");
        });
    }

    interface Action {
        Map<String, Object> run(LaunchContext launch);
    }

    /** Runs the action, then answers with the panel; a refusal is the panel with the reason (or, for non-teachers, the reason alone). */
    private Response guard(Action action) {
        LaunchContext launch;
        try {
            launch = requests.launch();
            requireTeacherInSection(launch);
        } catch (InvalidRequestException e) {
            return LinkFragments.render(e.status(), "coteaching/problem.jte", requests.contextPath(),
                    Map.of("message", e.getMessage(), "status", e.status()));
        }
        try {
            return panel(launch, 200, action.run(launch));
        } catch (InvalidRequestException e) {
            return panel(launch, e.status(), Map.of("problem", e.getMessage()));
        }
    }

    static void requireTeacherInSection(LaunchContext launch) {
        if (!launch.hasSection() || !launch.is(AppRole.TEACHER)) {
            throw new InvalidRequestException(403, "Linked sections are for the course's teachers: open Tandem as a teacher from the course.",
                    Map.of("role", "teacher"));
        }
    }

    private Response panel(LaunchContext launch, int status, Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>();
        m.put("launch", launch);
        Section section = groups.taughtSection(launch, launch.sectionId());
        m.put("section", section);
        Optional<Group> group = groups.groupOfSection(section.id());
        m.put("group", group.orElse(null));
        m.put("teachers", group.map(groups::coTeachers).orElse(List.of()));
        m.put("invitations", groups.openInvitations(launch, section.id()));
        List<Section> mine = groups.myDistrictSections(launch);
        Map<String, String> linkedTo = new LinkedHashMap<>();
        for (Section s : mine) {
            linkedTo.put(s.id(), groups.groupOfSection(s.id()).map(Group::name).orElse(null));
        }
        m.put("mySections", mine);
        m.put("linkedTo", linkedTo);
        m.put("policy", policies.of(launch.districtId()));
        for (String key : List.of("created", "preview", "previewCode", "message", "problem", "confirm")) {
            m.put(key, extra.get(key));
        }
        return LinkFragments.render(status, "coteaching/links.jte", requests.contextPath(), m);
    }

    private static Integer days(String days) {
        if (days == null || days.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(days.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("How many days should the invitation work? Give a whole number.", Map.of("days", "a whole number"));
        }
    }
}
