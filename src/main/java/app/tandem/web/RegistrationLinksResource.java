package app.tandem.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.RegistrationLinkIssuer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * A coordinator's registration links (htmx fragment on the coordinator home): create one to connect an LMS to
 * the district with LTI Dynamic Registration, see the district's links, revoke one. The new link's URL is shown
 * once, in the answer to its creation.
 */
@Path("app/registration-links")
@RequestScoped
public class RegistrationLinksResource {
    @Inject
    CurrentLaunch current;

    @Inject
    RegistrationLinkIssuer links;

    @Context
    HttpServletRequest request;

    @GET
    public Response list() {
        return fragment(coordinator(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("label") String label) {
        LaunchContext launch = coordinator();
        return fragment(launch, links.issue(launch.districtId(), label));
    }

    @POST
    @Path("{id}/revoke")
    public Response revoke(@PathParam("id") String id) {
        LaunchContext launch = coordinator();
        if (!links.revoke(launch.districtId(), id)) {
            throw new InvalidRequestException(404, "Your district has no such registration link.", Map.of());
        }
        return fragment(launch, null);
    }

    private LaunchContext coordinator() {
        LaunchContext launch = current.require();
        if (!launch.is(AppRole.COORDINATOR)) {
            throw new InvalidRequestException(403, "Only the district's eLearning coordinators manage registration links.", Map.of());
        }
        return launch;
    }

    private Response fragment(LaunchContext launch, RegistrationLinkIssuer.IssuedLink created) {
        Map<String, Object> model = new HashMap<>();
        model.put("links", links.forDistrict(launch.districtId()));
        model.put("created", created);
        return Pages.render("home/registration-links.jte", launch, request.getContextPath(), model);
    }
}
