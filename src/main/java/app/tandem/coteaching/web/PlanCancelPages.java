package app.tandem.coteaching.web;

import app.tandem.coteaching.application.PlanCancellations;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * "Cancel this lesson" (htmx, from the plan page): removes the plan at the version the teacher saw; subscribed
 * calendars show the lesson as cancelled. Answers the plan list with a notice.
 */
@Path("app/plans/{id}/cancel")
@RequestScoped
public class PlanCancelPages {
    @Inject
    PlanRequests requests;

    @Inject
    PlanCancellations cancellations;

    @POST
    public Response cancel(@PathParam("id") String id, @FormParam("version") String version) {
        // a problem (409 saved meanwhile, 403) goes to the plan page's problem area, not over the page
        Response r = Fragments.guard(requests.contextPath(), () -> {
            LaunchContext launch = requests.launch();
            Long seen = null;
            if (version != null && !version.isBlank()) {
                try {
                    seen = Long.parseLong(version.strip());
                } catch (NumberFormatException e) {
                    throw new app.tandem.common.InvalidRequestException("The version must be a whole number.", Map.of("version", "not a number"));
                }
            }
            String title = cancellations.cancel(launch, id, seen);
            return Fragments.html(requests.contextPath(), "coteaching/planCancelled.jte", Map.of("title", title));
        });
        if (r.getStatus() >= 400 && r.getStatus() != 401) {
            return Response.fromResponse(r).header("HX-Retarget", "#plan-problems").header("HX-Reswap", "innerHTML").build();
        }
        return r;
    }
}
