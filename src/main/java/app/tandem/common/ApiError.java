package app.tandem.common;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** JSON error bodies of the form {@code {"status":400,"error":"...","fields":{"name":"why"}}}. */
public final class ApiError {
    private ApiError() {
    }

    public static Response of(int status, String message) {
        return of(status, message, Map.of());
    }

    public static Response of(int status, String message, Map<String, String> fields) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("status", status).add("error", message);
        if (!fields.isEmpty()) {
            JsonObjectBuilder f = Json.createObjectBuilder();
            fields.forEach(f::add);
            body.add("fields", f);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build().toString()).build();
    }
}
