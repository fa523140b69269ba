package app.tandem.district.web;

import app.tandem.common.HtmlFragments;
import app.tandem.common.InvalidRequestException;
import app.tandem.district.application.DistrictCoordinators;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * The coordinator's "Coordinators" page, /app/district/coordinators: who was granted the coordinator role in Tandem,
 * a search for people who teach in the district, grant and revoke. A refused change shows its reason in the page.
 */
@Path("app/district/coordinators")
@RequestScoped
public class CoordinatorPages {
    private static final String PAGE = "district/coordinators.jte";

    @Inject
    LaunchRequests requests;

    @Inject
    DistrictCoordinators coordinators;

    @GET
    public Response page() {
        return HtmlFragments.guard("district/problem.jte", requests.contextPath(), () -> page(requests.launch(), 200, null, null));
    }

    @GET
    @Path("candidates")
    public Response candidates(@QueryParam("q") String q) {
        return HtmlFragments.guard("district/problem.jte", requests.contextPath(), () -> {
            LaunchContext launch = requests.launch();
            Map<String, Object> m = new HashMap<>();
            m.put("query", q == null ? "" : q.strip());
            m.put("candidates", coordinators.candidates(launch, q));
            return HtmlFragments.render(200, "district/coordinatorCandidates.jte", requests.contextPath(), m);
        });
    }

    @POST
    @Path("{personId}")
    public Response grant(@PathParam("personId") String personId) {
        return change(launch -> coordinators.grant(launch, personId) ? "Granted the coordinator role." : "That person was a coordinator already.");
    }

    @POST
    @Path("{personId}/revoke")
    public Response revoke(@PathParam("personId") String personId) {
        return change(launch -> coordinators.revoke(launch, personId) ? "Revoked the coordinator role; their open sessions lost it."
                : "That person had no coordinator role granted in Tandem.");
    }

    private Response change(java.util.function.Function<LaunchContext, String> action) {
        return HtmlFragments.guard("district/problem.jte", requests.contextPath(), () -> {
            LaunchContext launch = requests.launch();
            try {
                return page(launch, 200, action.apply(launch), null);
            } catch (InvalidRequestException e) {
                if (e.status() == 403) {
                    throw e;
                }
                return Response.fromResponse(page(launch, e.status(), null, e.getMessage())).header(HtmlFragments.KIND_HEADER, "problem").build();
            }
        });
    }

    private Response page(LaunchContext launch, int status, String done, String error) {
        Map<String, Object> m = new HashMap<>();
        m.put("grants", coordinators.list(launch));
        m.put("me", launch.personId());
        m.put("done", done);
        m.put("error", error);
        return HtmlFragments.render(status, PAGE, requests.contextPath(), m);
    }
}
