package app.tandem.lti.web;

import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchLanding;
import app.tandem.lti.application.LaunchRejectedException;
import app.tandem.lti.application.LtiMetrics;
import app.tandem.lti.application.MessageLaunch;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;

/** The redirect_uri: the platform form-POSTs id_token and state here. */
@Path("lti/launch")
@RequestScoped
public class LaunchResource {
    @Inject
    MessageLaunch messageLaunch;

    @Inject
    LaunchLanding landing;

    @Inject
    LtiMetrics metrics;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response launch(@FormParam("id_token") String idToken, @FormParam("state") String state,
                           @FormParam("lti_storage_proof") String storageProof) {
        long start = System.nanoTime();
        Instant now = Instant.now();
        MessageLaunch.Launched launched;
        try {
            launched = messageLaunch.launch(idToken, state, this::cookie, storageProof, now);
        } catch (MessageLaunch.PlatformStorageNeeded needed) {
            return PlatformStoragePages.launch(request.getContextPath(), needed, idToken, state);
        } catch (LaunchRejectedException e) {
            throw RejectionLog.launch(e);
        }
        LaunchContext context = launched.context();
        Response page = landing.land(context);
        metrics.launchAccepted(context.messageType(), Duration.ofNanos(System.nanoTime() - start));
        return Response.fromResponse(page)
                .header("Set-Cookie", StateCookie.clear(request.getContextPath(), launched.stateId()))
                .build();
    }

    private String cookie(String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (c.getName().equals(name)) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
