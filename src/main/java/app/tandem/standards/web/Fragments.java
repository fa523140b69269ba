package app.tandem.standards.web;

import app.tandem.common.Templates;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** HTML fragments swapped into a launch page by htmx: never cached. */
final class Fragments {
    static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    private Fragments() {
    }

    static Response render(int status, String template, String ctx, Map<String, Object> model) {
        Map<String, Object> m = new HashMap<>(model);
        m.put("ctx", ctx);
        return Response.status(status).type(HTML).header("Cache-Control", "no-store").entity(Templates.render(template, m)).build();
    }

    static Response render(String template, String ctx, Map<String, Object> model) {
        return render(200, template, ctx, model);
    }
}
