package app.tandem.lti.web;

import app.tandem.common.Templates;
import app.tandem.lti.application.LaunchRejectedException;
import app.tandem.lti.application.LtiMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.HashMap;
import java.util.Map;

/** Renders a refused login or launch as a plain-language 4xx page, and counts it by reason. */
@Provider
public class LaunchRejectedMapper implements ExceptionMapper<LaunchRejectedException> {
    @Inject
    LtiMetrics metrics;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(LaunchRejectedException e) {
        String stage = e instanceof RejectionLog.StageRejection s ? s.stage : "launch";
        metrics.rejected(e.reason(), stage);
        Map<String, Object> model = new HashMap<>();
        model.put("ctx", request.getContextPath());
        model.put("reason", e.reason());
        // A new window only helps inside a frame; in a top-level window the browser refuses all cookies for Tandem.
        String dest = request.getHeader("Sec-Fetch-Dest");
        boolean framed = dest == null || dest.equals("iframe") || dest.equals("frame");
        model.put("retryUrl", e.retry() == null || !framed ? null : e.retry().newWindowLoginUrl());
        model.put("cookieHost", e.retry() != null && !framed ? request.getServerName() : null);
        return Response.status(e.reason().status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity(Templates.render("lti/rejected.jte", model))
                .build();
    }
}
