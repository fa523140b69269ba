package app.tandem.lti.web;

import app.tandem.common.Templates;
import app.tandem.lti.application.DynamicRegistration;
import app.tandem.lti.application.RegistrationFailedException;
import app.tandem.lti.application.RegistrationLinks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * LTI Dynamic Registration 1.0: the address an LMS administrator pastes (a registration link). The LMS opens it in
 * an iframe or a new window with {@code openid_configuration} and {@code registration_token}; the page shows what
 * was registered, or why not, and its Close button tells the LMS (postMessage {@code org.imsglobal.lti.close}).
 * These pages may be framed by any LMS: the LMS's origin is not known before its configuration is read, and they
 * carry no session and nothing to click-jack.
 */
@Path(RegistrationLinks.PATH)
@RequestScoped
public class DynamicRegistrationResource {
    private static final Logger LOG = Logger.getLogger("app.tandem.lti.registrations");
    private static final String FRAMEABLE = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors *";

    @Inject
    DynamicRegistration registration;

    @Inject
    MetricRegistry metrics;

    @Context
    HttpServletRequest request;

    @GET
    public Response register(@QueryParam("link") String link, @QueryParam("openid_configuration") String configuration,
                             @QueryParam("registration_token") String registrationToken) {
        String[] linkPrefix = {"-"};
        Map<String, Object> model = new HashMap<>();
        model.put("ctx", request.getContextPath());
        try {
            DynamicRegistration.Outcome outcome = registration.register(link, configuration, registrationToken, Instant.now(),
                    prefix -> linkPrefix[0] = prefix);
            LOG.info(() -> "LTI dynamic registration done issuer=" + RejectionLog.clean(outcome.registration().issuer())
                    + " client_id=" + RejectionLog.clean(outcome.registration().clientId())
                    + " deployment_id=" + RejectionLog.clean(outcome.deploymentId())
                    + " district=" + outcome.districtId() + " link=" + linkPrefix[0] + (outcome.updated() ? " (updated)" : ""));
            metrics.counter("tandem.lti.dynamic_registrations", new Tag("outcome", "registered"), new Tag("reason", "none")).inc();
            model.put("outcome", outcome);
            return page(200, "lti/dynamic-registration.jte", model);
        } catch (RegistrationFailedException e) {
            LOG.info(() -> "LTI dynamic registration refused reason=" + e.problem().code() + " link=" + linkPrefix[0]
                    + " detail=" + RejectionLog.clean(e.detail()));
            metrics.counter("tandem.lti.dynamic_registrations", new Tag("outcome", "refused"), new Tag("reason", e.problem().code())).inc();
            model.put("problem", e.problem());
            model.put("detail", RejectionLog.clean(e.detail()));
            return page(e.problem().status(), "lti/dynamic-registration-problem.jte", model);
        }
    }

    private static Response page(int status, String template, Map<String, Object> model) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", FRAMEABLE)
                // bytes, not a String: RESTEasy's MessageSanitizerContainerResponseFilter HTML-escapes String bodies of
                // text/html 400 responses (the templates already escape what they print)
                .entity(Templates.render(template, model).getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
