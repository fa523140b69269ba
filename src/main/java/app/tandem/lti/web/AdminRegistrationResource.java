package app.tandem.lti.web;

import app.tandem.common.AdminApi;
import app.tandem.common.ApiError;
import app.tandem.common.AuditTrail;
import app.tandem.common.JsonBodies;
import app.tandem.lti.api.PlatformRegistrations.Deployment;
import app.tandem.lti.api.PlatformRegistrations.Registration;
import app.tandem.lti.api.PlatformRegistrations;
import app.tandem.lti.api.RegistrationDoctor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Automation API for platform registrations and their deployments (bearer TANDEM_ADMIN_TOKEN). */
@Path("api/admin/registrations")
@AdminApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: registrations")
public class AdminRegistrationResource {
    @Inject
    PlatformRegistrations registrations;

    @Inject
    RegistrationDoctor doctor;

    @Inject
    AuditTrail audit;

    @GET
    @Operation(summary = "List platform registrations with their deployments")
    public String list() {
        JsonArrayBuilder arr = Json.createArrayBuilder();
        registrations.list().forEach(r -> arr.add(json(r)));
        return arr.build().toString();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one registration")
    public Response get(@PathParam("id") String id) {
        return registrations.get(id).map(r -> Response.ok(json(r).build().toString()).build())
                .orElseGet(() -> ApiError.of(404, "No registration " + id + "."));
    }

    @GET
    @Path("{id}/doctor")
    @Operation(summary = "Check a registration end to end; each finding comes with a fix")
    public Response doctor(@PathParam("id") String id) {
        return doctor.examine(id).map(report -> {
            JsonArrayBuilder checks = Json.createArrayBuilder();
            report.checks().forEach(c -> {
                JsonObjectBuilder o = Json.createObjectBuilder().add("name", c.name()).add("status", c.status().name())
                        .add("finding", c.finding());
                if (c.fix() != null) {
                    o.add("fix", c.fix());
                }
                checks.add(o);
            });
            return Response.ok(Json.createObjectBuilder().add("registrationId", report.registrationId())
                    .add("overall", report.overall().name()).add("checks", checks).build().toString()).build();
        }).orElseGet(() -> ApiError.of(404, "No registration " + id + "."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a platform: issuer, clientId, name, authEndpoint, jwksUrl, tokenEndpoint?, frameOrigins?")
    public Response create(String body) {
        Registration r = registrations.create(input(JsonBodies.object(body)));
        audit.record(null, AuditTrail.Actor.adminApi(), "registration.created", target(r), "issuer: " + r.issuer() + "; client id: " + r.clientId());
        return Response.status(201).entity(json(r).build().toString()).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a registration's settings")
    public String update(@PathParam("id") String id, String body) {
        Registration r = registrations.update(id, input(JsonBodies.object(body)));
        audit.record(null, AuditTrail.Actor.adminApi(), "registration.updated", target(r), "issuer: " + r.issuer() + "; client id: " + r.clientId());
        return json(r).build().toString();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a registration and its deployments")
    public Response delete(@PathParam("id") String id) {
        Optional<Registration> before = registrations.get(id);
        if (!registrations.delete(id)) {
            return ApiError.of(404, "No registration " + id + ".");
        }
        before.ifPresent(r -> {
            audit.record(null, AuditTrail.Actor.adminApi(), "registration.deleted", target(r), "issuer: " + r.issuer() + "; client id: " + r.clientId());
            r.deployments().forEach(d -> audit.record(d.districtId(), AuditTrail.Actor.adminApi(), "deployment.removed", target(d),
                    "with registration " + r.name()));
        });
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/deployments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a deployment_id and map it to a district: deploymentId, districtId, label?")
    public Response addDeployment(@PathParam("id") String id, String body) {
        JsonObject o = JsonBodies.object(body);
        Deployment d = registrations.addDeployment(id, JsonBodies.string(o, "deploymentId"),
                JsonBodies.string(o, "districtId"), JsonBodies.string(o, "label"));
        audit.record(d.districtId(), AuditTrail.Actor.adminApi(), "deployment.added", target(d), "registration " + id);
        return Response.status(201).entity(json(d).build().toString()).build();
    }

    @PUT
    @Path("{id}/deployments/{deployment}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Map a deployment to another district or relabel it: districtId, label?")
    public String mapDeployment(@PathParam("id") String id, @PathParam("deployment") String deployment, String body) {
        JsonObject o = JsonBodies.object(body);
        String districtBefore = registrations.get(id).flatMap(r -> r.deployments().stream().filter(d -> d.id().equals(deployment)).findFirst())
                .map(Deployment::districtId).orElse(null);
        Deployment d = registrations.mapDeployment(id, deployment, JsonBodies.string(o, "districtId"), JsonBodies.string(o, "label"));
        audit.record(d.districtId(), AuditTrail.Actor.adminApi(), "deployment.mapped", target(d), "registration " + id
                + (districtBefore == null || districtBefore.equals(d.districtId()) ? "" : "; moved from district " + districtBefore));
        if (districtBefore != null && !districtBefore.equals(d.districtId())) {
            audit.record(districtBefore, AuditTrail.Actor.adminApi(), "deployment.mapped", target(d), "moved to district " + d.districtId());
        }
        return json(d).build().toString();
    }

    @DELETE
    @Path("{id}/deployments/{deployment}")
    @Operation(summary = "Remove a deployment: launches through it are refused from then on")
    public Response removeDeployment(@PathParam("id") String id, @PathParam("deployment") String deployment) {
        Optional<Deployment> before = registrations.get(id)
                .flatMap(r -> r.deployments().stream().filter(d -> d.id().equals(deployment)).findFirst());
        if (!registrations.removeDeployment(id, deployment)) {
            return ApiError.of(404, "No deployment " + deployment + " in registration " + id + ".");
        }
        before.ifPresent(d -> audit.record(d.districtId(), AuditTrail.Actor.adminApi(), "deployment.removed", target(d), "registration " + id));
        return Response.noContent().build();
    }

    private static AuditTrail.Target target(Registration r) {
        return AuditTrail.Target.of("registration", r.id(), r.name());
    }

    private static AuditTrail.Target target(Deployment d) {
        return AuditTrail.Target.of("deployment", d.id(), d.label() == null ? d.deploymentId() : d.label() + " (" + d.deploymentId() + ")");
    }

    private static PlatformRegistrations.RegistrationInput input(JsonObject o) {
        return new PlatformRegistrations.RegistrationInput(JsonBodies.string(o, "issuer"), JsonBodies.string(o, "clientId"),
                JsonBodies.string(o, "name"), JsonBodies.string(o, "authEndpoint"), JsonBodies.string(o, "tokenEndpoint"),
                JsonBodies.string(o, "jwksUrl"), JsonBodies.strings(o, "frameOrigins"));
    }

    private static JsonObjectBuilder json(Registration r) {
        JsonArrayBuilder deployments = Json.createArrayBuilder();
        r.deployments().forEach(d -> deployments.add(json(d)));
        JsonArrayBuilder origins = Json.createArrayBuilder();
        r.frameOrigins().forEach(origins::add);
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", r.id()).add("issuer", r.issuer()).add("clientId", r.clientId()).add("name", r.name())
                .add("authEndpoint", r.authEndpoint()).add("jwksUrl", r.jwksUrl())
                .add("frameOrigins", origins).add("deployments", deployments);
        if (r.tokenEndpoint() != null) {
            b.add("tokenEndpoint", r.tokenEndpoint());
        }
        return b;
    }

    private static JsonObjectBuilder json(Deployment d) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", d.id()).add("deploymentId", d.deploymentId())
                .add("districtId", d.districtId());
        if (d.label() != null) {
            b.add("label", d.label());
        }
        return b;
    }
}
