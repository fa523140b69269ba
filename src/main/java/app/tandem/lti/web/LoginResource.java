package app.tandem.lti.web;

import app.tandem.lti.application.LaunchRejectedException;
import app.tandem.lti.application.LoginInitiation;
import app.tandem.lti.application.LtiMetrics;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;

/** OIDC third-party initiated login, by GET or form POST. */
@Path("lti/login")
@RequestScoped
public class LoginResource {
    @Inject
    LoginInitiation login;

    @Inject
    LtiMetrics metrics;

    @Context
    HttpServletRequest request;

    @GET
    public Response get(@QueryParam("iss") String iss, @QueryParam("login_hint") String loginHint,
                        @QueryParam("target_link_uri") String target, @QueryParam("lti_message_hint") String messageHint,
                        @QueryParam("client_id") String clientId, @QueryParam("lti_deployment_id") String deploymentId,
                        @QueryParam("lti_storage_target") String storageTarget) {
        return start(new LoginInitiation.LoginRequest(iss, loginHint, target, messageHint, clientId, deploymentId, storageTarget));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@FormParam("iss") String iss, @FormParam("login_hint") String loginHint,
                         @FormParam("target_link_uri") String target, @FormParam("lti_message_hint") String messageHint,
                         @FormParam("client_id") String clientId, @FormParam("lti_deployment_id") String deploymentId,
                         @FormParam("lti_storage_target") String storageTarget) {
        return start(new LoginInitiation.LoginRequest(iss, loginHint, target, messageHint, clientId, deploymentId, storageTarget));
    }

    private Response start(LoginInitiation.LoginRequest req) {
        try {
            LoginInitiation.LoginRedirect redirect = login.start(req, Instant.now());
            metrics.loginStarted();
            String cookie = StateCookie.set(request.getContextPath(), redirect.stateId(), redirect.binding());
            if (redirect.storageTarget() != null) {
                return PlatformStoragePages.login(request.getContextPath(), redirect).header("Set-Cookie", cookie).build();
            }
            return Response.status(Response.Status.FOUND)
                    .location(URI.create(redirect.location()))
                    .header("Set-Cookie", cookie)
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (LaunchRejectedException e) {
            throw RejectionLog.login(e, req.issuer(), req.clientId());
        }
    }
}
