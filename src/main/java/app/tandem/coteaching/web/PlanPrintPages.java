package app.tandem.coteaching.web;

import app.tandem.coteaching.application.PlanPrints;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The print view of a plan. {@code GET} (htmx, session header) swaps it into the launch page with a toolbar:
 * Print (the browser's print dialog, print CSS hides the rest of the page), Download PDF, and Open as a page.
 * The last two are full navigations, which cannot carry the session header: they are POST forms carrying the
 * session token in a hidden field, so the token stays out of URLs, browser history and Referer headers (and
 * responses send Referrer-Policy: same-origin anyway). {@code POST} answers the standalone printable page.
 */
@Path("app/plans/{id}/print")
@RequestScoped
public class PlanPrintPages {
    @Inject
    PlanRequests requests;

    @Inject
    LaunchSessions sessions;

    @Inject
    PlanPrints prints;

    @GET
    public Response view(@PathParam("id") String id) {
        return Fragments.guard(requests.contextPath(), () -> {
            LaunchContext launch = requests.launch();
            PlanPrints.Printable p = prints.printable(launch, id);
            return Fragments.html(requests.contextPath(), "coteaching/planPrintView.jte", Map.of("p", p, "sessionToken", launch.sessionToken()));
        });
    }

    /** The standalone printable page (a new tab), authenticated by the form's session field. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response page(@PathParam("id") String id, @FormParam("session") String session) {
        PlanPrints.Printable p = prints.printable(sessions.require(session), id);
        return Fragments.html(requests.contextPath(), "coteaching/planPrintPage.jte",
                Map.of("p", p, "cssHref", requests.contextPath() + "/static/plan-print.css"));
    }
}
