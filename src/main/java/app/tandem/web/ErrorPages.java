package app.tandem.web;

import app.tandem.common.ApiError;
import app.tandem.common.Templates;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** Errors as JSON for API paths and as a plain-language page for everything else. */
final class ErrorPages {
    private ErrorPages() {
    }

    static Response of(UriInfo uri, String contextPath, int status, String title, String message, Map<String, String> fields) {
        String path = uri == null ? "" : uri.getPath();
        if (path.startsWith("api/") || path.startsWith("/api/")) {
            return ApiError.of(status, message, fields);
        }
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity(Templates.render("error/error.jte", Map.of(
                        "ctx", contextPath == null ? "" : contextPath,
                        "status", status, "title", title, "message", message, "fields", fields)))
                .build();
    }
}
