package app.tandem.coteaching.web;

import app.tandem.coteaching.application.PlanPrints;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A plan as PDF: {@code GET} with the session header (API clients, scripts) or {@code POST} from the print view's
 * form with the session token in a hidden field (a browser download cannot send the header). The same readers as
 * the plan; students 403, everyone else 404.
 */
@Path("app/plans/{id}.pdf")
@RequestScoped
public class PlanPdfResource {
    static final MediaType PDF = new MediaType("application", "pdf");

    @Inject
    PlanRequests requests;

    @Inject
    LaunchSessions sessions;

    @Inject
    PlanPrints prints;

    @Context
    ServletContext servletContext;

    private static volatile String css;

    @GET
    public Response get(@PathParam("id") String id) {
        return pdf(requests.launch(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@PathParam("id") String id, @FormParam("session") String session) {
        return pdf(sessions.require(session), id);
    }

    private Response pdf(LaunchContext launch, String id) {
        PlanPrints.Printable p = prints.printable(launch, id);
        byte[] pdf = PlanPdf.render(PlanPdf.xhtml(p, css()));
        String name = PlanPdf.fileName(p.opened().plan().title(), p.opened().plan().date().toString());
        return Response.ok(pdf, PDF).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "private, no-store").build();
    }

    /** The print stylesheet, the one the browser's print view uses (read once). */
    private String css() {
        String c = css;
        if (c == null) {
            try (InputStream in = servletContext.getResourceAsStream("/static/plan-print.css")) {
                c = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            css = c;
        }
        return c;
    }
}
