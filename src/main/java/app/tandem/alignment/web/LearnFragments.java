package app.tandem.alignment.web;

import app.tandem.common.HtmlFragments;
import app.tandem.common.InvalidRequestException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Supplier;

/**
 * HTML fragments of the student view and the statements pages, swapped into a launch page by htmx: never cached.
 * A problem the person can fix comes back as a 4xx fragment marked {@code X-Tandem-Fragment: problem}, which
 * static/learn.js lets htmx show in place.
 */
final class LearnFragments {
    private LearnFragments() {
    }

    static Response render(int status, String template, String ctx, Map<String, Object> model) {
        Response r = HtmlFragments.render(status, template, ctx, model);
        return status >= 400 ? Response.fromResponse(r).header(HtmlFragments.KIND_HEADER, "problem").build() : r;
    }

    static Response render(String template, String ctx, Map<String, Object> model) {
        return render(200, template, ctx, model);
    }

    /** Runs a page; a problem the person can fix (or a missing session) is shown in place. */
    static Response guard(String ctx, Supplier<Response> page) {
        try {
            return page.get();
        } catch (InvalidRequestException e) {
            return HtmlFragments.problem(e, "alignment/learnProblem.jte", ctx);
        }
    }
}
