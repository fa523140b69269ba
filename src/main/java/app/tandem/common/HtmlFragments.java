package app.tandem.common;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * HTML fragments that htmx swaps into a launch page: rendered from a JTE template with the context path as
 * {@code ctx}, never cached. A problem the person can fix ({@link InvalidRequestException}) becomes a 4xx fragment
 * marked {@code X-Tandem-Fragment: problem}, which the pages' scripts let htmx swap in place like a 200.
 */
public final class HtmlFragments {
    public static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");
    /** The response header that marks what a fragment is ("problem" for a 4xx problem fragment). */
    public static final String KIND_HEADER = "X-Tandem-Fragment";

    private HtmlFragments() {
    }

    /** The template rendered with the model plus {@code ctx}: HTML with the status, never cached. */
    public static Response render(int status, String template, String ctx, Map<String, Object> model) {
        Map<String, Object> m = new HashMap<>(model);
        m.put("ctx", ctx);
        return Response.status(status).type(HTML).header("Cache-Control", "no-store").entity(Templates.render(template, m)).build();
    }

    /**
     * The problem fragment: the template rendered with the exception's {@code message}, {@code fields} and
     * {@code status} (and {@code ctx}), with the exception's status, marked {@code X-Tandem-Fragment: problem}.
     */
    public static Response problem(InvalidRequestException e, String template, String ctx) {
        Map<String, Object> m = new HashMap<>();
        m.put("message", e.getMessage());
        m.put("fields", e.fields());
        m.put("status", e.status());
        return Response.fromResponse(render(e.status(), template, ctx, m)).header(KIND_HEADER, "problem").build();
    }

    /** Runs a page; a problem the person can fix (or a missing session) comes back as the problem fragment. */
    public static Response guard(String problemTemplate, String ctx, Supplier<Response> page) {
        try {
            return page.get();
        } catch (InvalidRequestException e) {
            return problem(e, problemTemplate, ctx);
        }
    }
}
