package app.tandem.coteaching.web;

import app.tandem.common.HtmlFragments;
import jakarta.ws.rs.core.Response;
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
        return HtmlFragments.render(status, template, ctx, model);
    }

    static Response html(String ctx, String template, Map<String, Object> model) {
        return html(200, ctx, template, model);
    }

    static Response guard(String ctx, Supplier<Response> page) {
        return HtmlFragments.guard("coteaching/planProblem.jte", ctx, page);
    }
}
