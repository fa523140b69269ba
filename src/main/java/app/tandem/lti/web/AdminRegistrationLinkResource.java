package app.tandem.lti.web;

import app.tandem.common.AdminApi;
import app.tandem.common.ApiError;
import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.JsonBodies;
import app.tandem.lti.application.RegistrationLinks.Link;
import app.tandem.lti.application.RegistrationLinks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Automation API for dynamic-registration links (bearer TANDEM_ADMIN_TOKEN). The link's URL, which contains its
 * token, is returned once, by the POST that creates it; listings show only the token's first characters.
 */
@Path("api/admin/registration-links")
@AdminApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: registration links")
public class AdminRegistrationLinkResource {
    @Inject
    RegistrationLinks links;

    @Inject
    AuditTrail audit;

    @GET
    @Operation(summary = "List registration links (newest first), without their tokens")
    public String list() {
        Instant now = Instant.now();
        JsonArrayBuilder arr = Json.createArrayBuilder();
        links.list().forEach(l -> arr.add(json(l, now)));
        return arr.build().toString();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one registration link, without its token")
    public Response get(@PathParam("id") String id) {
        return links.get(id).map(l -> Response.ok(json(l, Instant.now()).build().toString()).build())
                .orElseGet(() -> ApiError.of(404, "No registration link " + id + "."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a link that registers LMS platforms into a district: districtId, label?, validHours? "
            + "(default 24, at most 720), maxUses? (default 1). The answer's url is shown only now: paste it into the LMS.")
    public Response create(String body) {
        JsonObject o = JsonBodies.object(body);
        Instant now = Instant.now();
        RegistrationLinks.Created created = links.create(JsonBodies.string(o, "districtId"), JsonBodies.string(o, "label"),
                number(o, "validHours"), wholeNumber(o, "maxUses"), now);
        RegistrationLinks.Link l = created.link();
        audit.record(l.districtId(), AuditTrail.Actor.adminApi(), "registration-link.created", AuditTrail.Target.of("registration link", l.id(),
                l.label()), "max uses " + l.maxUses() + "; expires " + l.expiresAt());
        JsonObjectBuilder b = json(created.link(), now).add("url", created.url());
        return Response.status(201).entity(b.build().toString()).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a registration link: it registers nothing from then on")
    public Response revoke(@PathParam("id") String id) {
        if (!links.revoke(id, Instant.now())) {
            return ApiError.of(404, "No registration link " + id + ".");
        }
        links.get(id).ifPresent(l -> audit.record(l.districtId(), AuditTrail.Actor.adminApi(), "registration-link.revoked",
                AuditTrail.Target.of("registration link", l.id(), l.label()), null));
        return Response.noContent().build();
    }

    private static Double number(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new InvalidRequestException("The field '" + field + "' must be a number.", Map.of(field, "must be a number"));
        }
        return ((JsonNumber) v).doubleValue();
    }

    private static Integer wholeNumber(JsonObject o, String field) {
        Double d = number(o, field);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new InvalidRequestException("The field '" + field + "' must be a whole number.", Map.of(field, "must be a whole number"));
        }
        return d.intValue();
    }

    private static JsonObjectBuilder json(Link l, Instant now) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", l.id())
                .add("tokenPrefix", l.tokenPrefix())
                .add("districtId", l.districtId())
                .add("status", l.status(now).name().toLowerCase(Locale.ROOT))
                .add("maxUses", l.maxUses())
                .add("uses", l.uses())
                .add("createdAt", l.createdAt().toInstant().toString())
                .add("expiresAt", l.expiresAt().toInstant().toString());
        if (l.label() != null) {
            b.add("label", l.label());
        }
        if (l.revokedAt() != null) {
            b.add("revokedAt", l.revokedAt().toInstant().toString());
        }
        if (l.usedAt() != null) {
            b.add("usedAt", l.usedAt().toInstant().toString());
        }
        return b;
    }
}
