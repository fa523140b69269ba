package app.tandem.lti.web;

import app.tandem.lti.application.ToolKeys;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The tool's public keys, for platforms verifying Tandem's signed messages. */
@Path(".well-known/jwks.json")
@RequestScoped
public class JwksResource {
    @Inject
    ToolKeys keys;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        return Response.ok(keys.publicJwks().toString(true))
                .header("Cache-Control", "public, max-age=300")
                .header("Access-Control-Allow-Origin", "*")
                .build();
    }
}
