package app.tandem.web;

import app.tandem.common.Templates;
import app.tandem.lti.api.LaunchContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** Renders Tandem pages for a launch: HTML, never cached, framable by the launch's platform only. */
public final class Pages {
    static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    private Pages() {
    }

    public static Response render(String template, LaunchContext launch, String contextPath, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("ctx", contextPath);
        model.put("launch", launch);
        return Response.ok(Templates.render(template, model), HTML)
                .header("Cache-Control", "no-store")
                .header(SecurityHeaders.CSP, SecurityHeaders.policy(launch.frameOrigins()))
                .build();
    }
}
