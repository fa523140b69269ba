package app.tandem.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/** HTTP face of {@link DemoServices}: /demo/token, /demo/nrps/{course}, /demo/ags/{course}/lineitems[/{id}[/scores|/results]]. */
@Path("demo")
@RequestScoped
public class DemoServicesResource {
    @Inject
    DemoServices services;

    @Inject
    DemoPlatform platform;

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_assertion_type") String assertionType,
                          @FormParam("client_assertion") String assertion, @FormParam("scope") String scope) {
        if (!platform.enabled()) {
            return Response.status(404).build();
        }
        try {
            return json(200, services.token(grantType, assertionType, assertion, scope).toString());
        } catch (IllegalArgumentException e) {
            return json(e.getMessage().equals("invalid_client") ? 401 : 400, "{\"error\":\"" + e.getMessage() + "\"}");
        }
    }

    @GET
    @Path("nrps/{course}")
    public Response memberships(@HeaderParam("Authorization") String auth, @PathParam("course") String courseId,
                                @QueryParam("from") Integer from, @QueryParam("role") String role) {
        return guarded(auth, courseId, () -> {
            DemoServices.Page page = services.memberships(DemoData.course(courseId).orElseThrow(), from == null ? 0 : from, role);
            Response.ResponseBuilder r = Response.ok(page.body().toString(), "application/vnd.ims.lti-nrps.v2.membershipcontainer+json");
            if (page.next() != null) {
                r.header("Link", "<" + page.next() + ">; rel=\"next\"");
            }
            return r.build();
        });
    }

    @GET
    @Path("ags/{course}/lineitems")
    public Response lineItems(@HeaderParam("Authorization") String auth, @PathParam("course") String courseId) {
        return guarded(auth, courseId, () -> {
            JsonArrayBuilder arr = Json.createArrayBuilder();
            services.lineItems(courseId).forEach(arr::add);
            return Response.ok(arr.build().toString(), "application/vnd.ims.lis.v2.lineitemcontainer+json").build();
        });
    }

    @POST
    @Path("ags/{course}/lineitems")
    public Response createLineItem(@HeaderParam("Authorization") String auth, @PathParam("course") String courseId, String body) {
        return guarded(auth, courseId, () -> json(201, services.saveLineItem(courseId, null, body).toString()));
    }

    @GET
    @Path("ags/{course}/lineitems/{id}")
    public Response lineItem(@HeaderParam("Authorization") String auth, @PathParam("course") String courseId, @PathParam("id") String id) {
        return guarded(auth, courseId, () -> {
            var item = services.lineItem(courseId, id);
            return item == null ? Response.status(404).build() : json(200, item.toString());
        });
    }

    @PUT
    @Path("ags/{course}/lineitems/{id}")
    public Response updateLineItem(@HeaderParam("Authorization") String auth, @PathParam("course") String courseId,
                                   @PathParam("id") String id, String body) {
        return guarded(auth, courseId, () -> services.lineItem(courseId, id) == null ? Response.status(404).build()
                : json(200, services.saveLineItem(courseId, id, body).toString()));
    }

    @DELETE
    @Path("ags/{course}/lineitems/{id}")
    public Response deleteLineItem(@HeaderParam("Authorization") String auth, @PathParam("course") String courseId, @PathParam("id") String id) {
        return guarded(auth, courseId, () -> services.deleteLineItem(courseId, id) ? Response.noContent().build() : Response.status(404).build());
    }

    @POST
    @Path("ags/{course}/lineitems/{id}/scores")
    public Response score(@HeaderParam("Authorization") String auth, @PathParam("course") String courseId,
                          @PathParam("id") String id, @QueryParam("type_id") String typeId, String body) {
        return guarded(auth, courseId, () -> {
            if (services.lineItem(courseId, id) == null) {
                return Response.status(404).build();
            }
            services.score(courseId, id, body);
            return Response.noContent().build();
        });
    }

    @GET
    @Path("ags/{course}/lineitems/{id}/results")
    public Response results(@HeaderParam("Authorization") String auth, @PathParam("course") String courseId, @PathParam("id") String id) {
        return guarded(auth, courseId, () -> {
            JsonArrayBuilder arr = Json.createArrayBuilder();
            services.results(courseId, id).forEach(arr::add);
            return Response.ok(arr.build().toString(), "application/vnd.ims.lis.v2.resultcontainer+json").build();
        });
    }

    private Response guarded(String auth, String courseId, Supplier<Response> action) {
        if (!platform.enabled() || DemoData.course(courseId).isEmpty()) {
            return Response.status(404).build();
        }
        if (!services.authorized(auth)) {
            return json(401, "{\"error\":\"invalid_token\"}");
        }
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            return json(400, Json.createObjectBuilder().add("error", e.getMessage()).build().toString());
        }
    }

    private static Response json(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
