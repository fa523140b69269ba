package app.tandem.coteaching.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.application.CoteachingPolicies;
import app.tandem.coteaching.application.LinkAudit;
import app.tandem.coteaching.application.LinkGroups;
import app.tandem.coteaching.application.LinkPolicy;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** The coordinator's co-teaching panel: the district policy (form), the number of link groups, the link log (paged). */
@Path("app/district/coteaching-policy")
@RequestScoped
public class PolicyPages {
    @Inject
    LaunchRequests requests;

    @Inject
    CoteachingPolicies policies;

    @Inject
    LinkGroups groups;

    @Inject
    LinkAudit audit;

    @GET
    public Response panel() {
        return guard(launch -> panel(launch, 200, null, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@FormParam("allowCrossPlatform") String allowCrossPlatform, @FormParam("maxGroupSize") String maxGroupSize,
                         @FormParam("linkedMayEdit") String linkedMayEdit, @FormParam("plansMayNameStudents") String plansMayNameStudents,
                         @FormParam("version") String version) {
        return guard(launch -> {
            try {
                LinkPolicy wanted = LinkPolicy.validated(checked(allowCrossPlatform), number(maxGroupSize), checked(linkedMayEdit),
                        checked(plansMayNameStudents), 0);
                policies.save(launch, wanted, version(version));
                return panel(launch, 200, "Saved. The policy applies to every link made from now on.", null);
            } catch (InvalidRequestException e) {
                if (e.status() == 403) {
                    throw e;
                }
                return panel(launch, e.status(), null, e.getMessage());
            }
        });
    }

    @GET
    @Path("audit")
    public Response auditPage(@QueryParam("page") Integer page) {
        return guard(launch -> LinkFragments.render(200, "coteaching/audit.jte", requests.contextPath(),
                Map.of("audit", audit.page(launch.districtId(), page == null ? 1 : page))));
    }

    interface Page {
        Response render(LaunchContext launch);
    }

    private Response guard(Page page) {
        try {
            LaunchContext launch = requests.launch();
            CoteachingPolicies.requireCoordinator(launch);
            return page.render(launch);
        } catch (InvalidRequestException e) {
            return LinkFragments.render(e.status(), "coteaching/problem.jte", requests.contextPath(),
                    Map.of("message", e.getMessage(), "status", e.status()));
        }
    }

    private Response panel(LaunchContext launch, int status, String message, String problem) {
        Map<String, Object> m = new HashMap<>();
        m.put("policy", policies.of(launch.districtId()));
        m.put("liveGroups", groups.liveGroups(launch.districtId()));
        m.put("audit", audit.page(launch.districtId(), 1));
        m.put("message", message);
        m.put("problem", problem);
        return LinkFragments.render(status, "coteaching/policy.jte", requests.contextPath(), m);
    }

    static boolean checked(String value) {
        return value != null && (value.equals("true") || value.equals("on"));
    }

    private static Long version(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("The form is damaged (version). Reload the policy and save again.", Map.of("version", "a whole number"));
        }
    }

    private static Integer number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("The largest group size must be a whole number.", Map.of("maxGroupSize", "a whole number"));
        }
    }
}
