package app.tandem.standards.web;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.JsonBodies;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import app.tandem.standards.application.SavedProviders;
import app.tandem.standards.domain.ProviderStore.Provider;
import app.tandem.standards.domain.StandardsStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
import java.net.URI;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Saved CASE providers of the coordinator's district (JSON; session in X-Tandem-Session). The client secret is
 * write-only: answers say {@code "hasSecret": true}, never the secret. Another district's provider is a 404,
 * teachers get 403, bad input a 400 naming the fields.
 */
@Path("api/standards/providers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Standards", description = "Frameworks, standards, search, imports and exports (launch session in X-Tandem-Session)")
public class ProvidersApi {
    @Inject
    LaunchRequests access;

    @Inject
    SavedProviders saved;

    @Inject
    StandardsStore store;

    @GET
    @Operation(summary = "The district's saved CASE providers (coordinators); secrets are never returned")
    public String list() {
        LaunchContext launch = access.launch();
        JsonArrayBuilder a = Json.createArrayBuilder();
        saved.list(launch).forEach(p -> a.add(json(p)));
        return a.build().toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a CASE provider: {name, url, tokenUrl, clientId, clientSecret, scope} (201)",
            description = "url: the provider's address or its …/ims/case/v1p1/CFDocuments listing. tokenUrl, clientId and clientSecret "
                    + "(all three or none) are OAuth 2 client credentials; the secret is stored encrypted with the master key.")
    public Response create(String body) {
        LaunchContext launch = access.launch();
        Provider p = saved.create(launch, form(body));
        return Response.status(201).entity(json(p).build().toString())
                .location(URI.create(access.contextPath() + "/api/standards/providers/" + p.id())).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One saved CASE provider (404 when it is not your district's)")
    public String get(@PathParam("id") String id) {
        return json(saved.get(access.launch(), id)).build().toString();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a saved CASE provider: the same fields as when saving; a missing or empty clientSecret keeps the stored "
            + "one; no tokenUrl, clientId and clientSecret removes the credentials")
    public String update(@PathParam("id") String id, String body) {
        LaunchContext launch = access.launch();
        return json(saved.update(launch, id, form(body))).build().toString();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a saved CASE provider (204); frameworks imported from it stay, without one-click re-import")
    public Response delete(@PathParam("id") String id) {
        saved.delete(access.launch(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/documents")
    @Operation(summary = "Browse the provider: its CFDocuments, each with the packageUrl to import (fetched now, at most 30 s)")
    public String documents(@PathParam("id") String id) {
        return StandardsApi.listing(saved.browse(access.launch(), id)).build().toString();
    }

    @POST
    @Path("{id}/imports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import one of the provider's frameworks with its stored credentials: {package, validateOnly}; "
            + "a background job (202) like POST /api/standards/imports")
    public Response importPackage(@PathParam("id") String id, String body) {
        LaunchContext launch = access.launch();
        saved.get(launch, id);
        JsonObject o = JsonBodies.object(body);
        JsonValue validate = o.get("validateOnly");
        if (validate != null && validate != JsonValue.TRUE && validate != JsonValue.FALSE) {
            throw new InvalidRequestException("validateOnly must be true or false.", Map.of("validateOnly", "boolean"));
        }
        String jobId = saved.importPackage(launch, id, JsonBodies.string(o, "package"), validate == JsonValue.TRUE);
        return Response.accepted(StandardsApi.job(store, launch, jobId).build().toString())
                .location(URI.create(access.contextPath() + "/api/standards/imports/" + jobId)).build();
    }

    private static SavedProviders.Form form(String body) {
        JsonObject o = JsonBodies.object(body);
        return new SavedProviders.Form(JsonBodies.string(o, "name"), JsonBodies.string(o, "url"), JsonBodies.string(o, "tokenUrl"),
                JsonBodies.string(o, "clientId"), JsonBodies.string(o, "clientSecret"), JsonBodies.string(o, "scope"));
    }

    /** A provider as JSON: never the secret, only whether one is stored. */
    static JsonObjectBuilder json(Provider p) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", p.id()).add("name", p.name()).add("url", p.baseUrl())
                .add("hasSecret", p.secretJwe() != null).add("createdAt", p.createdAt().toString()).add("updatedAt", p.updatedAt().toString())
                .add("version", p.version());
        StandardsApi.opt(b, "tokenUrl", p.tokenUrl());
        StandardsApi.opt(b, "clientId", p.clientId());
        StandardsApi.opt(b, "scope", p.scope());
        return b;
    }
}
