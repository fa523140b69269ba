package app.tandem.alignment.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Templates;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * HTML fragments of the student view and the statements pages, swapped into a launch page by htmx: never cached.
 * A problem the person can fix comes back as a 4xx fragment marked {@code X-Tandem-Fragment: problem}, which
 * static/learn.js lets htmx show in place.
 */
final class LearnFragments {
    static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");
    static final String PROBLEM_HEADER = "X-Tandem-Fragment";

    private LearnFragments() {
    }

    static Response render(int status, String template, String ctx, Map<String, Object> model) {
        Map<String, Object> m = new HashMap<>(model);
        m.put("ctx", ctx);
        Response.ResponseBuilder b = Response.status(status).type(HTML).header("Cache-Control", "no-store").entity(Templates.render(template, m));
        if (status >= 400) {
            b.header(PROBLEM_HEADER, "problem");
        }
        return b.build();
    }

    static Response render(String template, String ctx, Map<String, Object> model) {
        return render(200, template, ctx, model);
    }

    /** Runs a page; a problem the person can fix (or a missing session) is shown in place. */
    static Response guard(String ctx, Supplier<Response> page) {
        try {
            return page.get();
        } catch (InvalidRequestException e) {
            return render(e.status(), "alignment/learnProblem.jte", ctx, Map.of("message", e.getMessage(), "fields", e.fields(), "status", e.status()));
        }
    }
}
