package app.tandem.web;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves /static/* (src/main/webapp/static) and /webjars/* (META-INF/resources of WebJar jars). JAX-RS owns the
 * context root, so the container's file servlet never sees these paths.
 */
@Path("")
public class StaticAssets {
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2");

    @Context
    ServletContext servletContext;

    @GET
    @Path("static/{file: [A-Za-z0-9._-]+}")
    public Response file(@PathParam("file") String file) {
        return serve("/static/" + file, "public, max-age=3600");
    }

    @GET
    @Path("webjars/{path: [A-Za-z0-9._/-]+}")
    public Response webjar(@PathParam("path") String path) {
        if (path.contains("..")) {
            return Response.status(404).build();
        }
        return serve("/webjars/" + path, "public, max-age=31536000, immutable");
    }

    private Response serve(String resource, String cacheControl) {
        String ext = resource.substring(resource.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (type == null) {
            return Response.status(404).build();
        }
        InputStream in = servletContext.getResourceAsStream(resource);
        if (in == null) {
            return Response.status(404).type("text/plain").entity("Not found").build();
        }
        try (in) {
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", cacheControl).build();
        } catch (IOException e) {
            return Response.status(404).build();
        }
    }
}
