package app.tandem.web;

import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Pages reached by htmx after the launch; each request proves its session with the X-Tandem-Session header. */
@Path("app")
@RequestScoped
public class HomeResource {
    @Inject
    CurrentLaunch current;

    @Inject
    HomeLanding landing;

    @Context
    HttpServletRequest request;

    @GET
    @Path("home")
    public Response home() {
        return landing.home(current.require(), request.getContextPath());
    }

    /** A fragment confirming the session: who, where, until when. */
    @GET
    @Path("session")
    public Response session() {
        LaunchContext launch = current.require();
        return Pages.render("home/session.jte", launch, request.getContextPath(), Map.of());
    }
}
