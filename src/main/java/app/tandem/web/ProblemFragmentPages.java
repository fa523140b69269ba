package app.tandem.web;

import app.tandem.common.Templates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * A problem fragment (the 4xx that an htmx request shows in place) reached by a plain navigation instead — a reload of
 * a fragment's address, a link opened in a new tab, a bookmark, a session that ended — comes back as a whole page:
 * the fragment inside the page shell, so the browser gets a title, the page's language and the main landmark
 * (WCAG 2.4.2 and 3.1.1; axe's {@code document-title} and {@code html-has-lang}). htmx requests (header
 * {@code HX-Request}) still get the bare fragment; answers that already are pages, JSON and 2xx/3xx are untouched.
 */
@Provider
public class ProblemFragmentPages implements ContainerResponseFilter {
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || response.getStatus() >= 500 || request.getHeaderString("HX-Request") != null
                || !(response.getEntity() instanceof String body) || !isHtml(response.getMediaType()) || isPage(body)) {
            return;
        }
        String page = Templates.render("error/fragment-page.jte", Map.of("ctx", servletRequest.getContextPath(),
                "title", title(response.getStatus()), "fragment", body));
        response.setEntity(page, null, response.getMediaType());
    }

    private static boolean isHtml(MediaType type) {
        return type != null && MediaType.TEXT_HTML_TYPE.isCompatible(type);
    }

    private static boolean isPage(String body) {
        String start = body.stripLeading();
        return start.regionMatches(true, 0, "<!DOCTYPE", 0, 9) || start.regionMatches(true, 0, "<html", 0, 5);
    }

    static String title(int status) {
        return switch (status) {
            case 401 -> "Please open Tandem from your course again";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "That could not be done now";
            case 429 -> "Too many attempts";
            default -> "That request could not be used";
        };
    }
}
