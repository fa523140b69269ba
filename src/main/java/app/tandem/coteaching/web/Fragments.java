package app.tandem.coteaching.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Templates;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rendering for the calendar, print and coordinator fragments: HTML, never cached, with the context path as
 * {@code ctx}; a problem the person can fix becomes a 4xx problem fragment (plans.js swaps those in place).
 */
final class Fragments {
    private Fragments() {
    }

    static Response html(int status, String ctx, String template, Map<String, Object> model) {
        Map<String, Object> m = new HashMap<>(model);
        m.put("ctx", ctx);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store")
                .entity(Templates.render(template, m)).build();
    }

    static Response html(String ctx, String template, Map<String, Object> model) {
        return html(200, ctx, template, model);
    }

    static Response guard(String ctx, Supplier<Response> page) {
        try {
            return page.get();
        } catch (InvalidRequestException e) {
            Map<String, Object> m = new HashMap<>();
            m.put("message", e.getMessage());
            m.put("fields", e.fields());
            m.put("status", e.status());
            return Response.fromResponse(html(e.status(), ctx, "coteaching/planProblem.jte", m)).header("X-Tandem-Fragment", "problem").build();
        }
    }
}
