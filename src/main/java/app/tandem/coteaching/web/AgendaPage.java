package app.tandem.coteaching.web;

import app.tandem.common.HtmlFragments;
import app.tandem.coteaching.application.Plans;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * Students' view of co-teaching plans: the agendas the teachers published for the launch section (the "I can…"
 * objective, the agenda steps and the student materials), from yesterday on. Nothing else of a plan is shown.
 */
@Path("app/agenda")
@RequestScoped
public class AgendaPage {
    @Inject
    PlanRequests requests;

    @Inject
    Plans plans;

    @GET
    public Response agenda() {
        return HtmlFragments.guard("coteaching/planProblem.jte", requests.contextPath(), () -> {
            LaunchContext launch = requests.launch();
            Map<String, Object> m = new HashMap<>();
            m.put("entries", plans.agenda(launch));
            return Response.fromResponse(HtmlFragments.render(200, "coteaching/agenda.jte", requests.contextPath(), m))
                    .header(HtmlFragments.KIND_HEADER, "agenda").build();
        });
    }
}
