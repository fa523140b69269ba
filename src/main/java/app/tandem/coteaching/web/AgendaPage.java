package app.tandem.coteaching.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Templates;
import app.tandem.coteaching.application.Plans;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
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
        Map<String, Object> m = new HashMap<>();
        m.put("ctx", requests.contextPath());
        int status = 200;
        String template = "coteaching/agenda.jte";
        try {
            LaunchContext launch = requests.launch();
            m.put("entries", plans.agenda(launch));
        } catch (InvalidRequestException e) {
            status = e.status();
            template = "coteaching/planProblem.jte";
            m.put("message", e.getMessage());
            m.put("fields", e.fields());
            m.put("status", e.status());
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store")
                .header("X-Tandem-Fragment", status == 200 ? "agenda" : "problem").entity(Templates.render(template, m)).build();
    }
}
