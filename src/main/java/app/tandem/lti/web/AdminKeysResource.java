package app.tandem.lti.web;

import app.tandem.common.AdminApi;
import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.JsonBodies;
import app.tandem.common.Settings;
import app.tandem.lti.application.ServiceConnector;
import app.tandem.lti.application.ToolKeys;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Automation API for the tool's keys: see the rotation schedule, rotate on demand. */
@Path("api/admin/keys")
@AdminApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: keys")
public class AdminKeysResource {
    @Inject
    ToolKeys keys;

    @Inject
    ServiceConnector connector;

    @Inject
    Settings settings;

    @Inject
    AuditTrail audit;

    @GET
    @Operation(summary = "The tool's keys with their status (next, current, retiring, retired) and schedule")
    public String list() {
        Instant now = Instant.now();
        JsonArrayBuilder arr = Json.createArrayBuilder();
        var all = keys.schedule();
        all.forEach(k -> {
            var o = Json.createObjectBuilder().add("kid", k.jwk().getKeyID()).add("purpose", k.purpose())
                    .add("status", k.status(now, all)).add("activateAt", k.activateAt().toString());
            if (k.retireAt() != null) {
                o.add("retireAt", k.retireAt().toString());
            }
            arr.add(o);
        });
        return arr.build().toString();
    }

    @POST
    @Path("rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate now: publishLeadMinutes (default from TANDEM_KEYS_LEAD_HOURS) and overlapMinutes")
    public Response rotate(String body) {
        JsonObject o = body == null || body.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonBodies.object(body);
        Duration lead = minutes(o, "publishLeadMinutes", settings.keyPublishLead());
        Duration overlap = minutes(o, "overlapMinutes", settings.keyOverlap());
        String kid = keys.rotate(lead, overlap);
        keys.reload();
        connector.clearTokens();
        audit.record(null, AuditTrail.Actor.adminApi(), "keys.rotated", AuditTrail.Target.of("tool key", kid, kid),
                "publish lead " + lead.toMinutes() + " min; overlap " + overlap.toMinutes() + " min");
        return Response.ok(Json.createObjectBuilder().add("newKid", kid)
                .add("signsFrom", Instant.now().plus(lead).toString())
                .add("oldKeysRetireAt", Instant.now().plus(lead).plus(overlap).toString()).build().toString()).build();
    }

    private static Duration minutes(JsonObject o, String field, Duration fallback) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0 || n.longValue() > 60L * 24 * 365) {
            throw new InvalidRequestException("'" + field + "' must be a whole number of minutes (0 to 525600).", Map.of(field, "whole minutes, 0–525600"));
        }
        return Duration.ofMinutes(n.longValue());
    }
}
