package app.tandem.district.web;

import app.tandem.common.ApiError;
import app.tandem.common.JsonBodies;
import app.tandem.district.application.DistrictCoordinators;
import app.tandem.lti.api.CoordinatorGrants;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * /api/district/coordinators: the launch's district's coordinators granted in Tandem, for its coordinators (launch
 * session in X-Tandem-Session); the same rules as the page (docs/operations.md, "Coordinators").
 */
@Path("api/district/coordinators")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "District coordinators", description = "Coordinator rights granted in Tandem to teachers of the district")
public class CoordinatorsApi {
    @Inject
    LaunchRequests requests;

    @Inject
    DistrictCoordinators coordinators;

    @GET
    @Operation(summary = "The coordinators granted in Tandem (LMS administrators are coordinators by their LTI role and are not listed)")
    public String list() {
        return grants(coordinators.list(requests.launch()));
    }

    @GET
    @Path("candidates")
    @Operation(summary = "At most 20 people who teach in the district whose name or email contains q (2 to 100 characters)")
    public String candidates(@Parameter(description = "part of a name or email") @QueryParam("q") String q) {
        JsonArrayBuilder arr = Json.createArrayBuilder();
        for (CoordinatorGrants.Candidate c : coordinators.candidates(requests.launch(), q)) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("personId", c.personId()).add("platform", c.platformName())
                    .add("granted", c.granted());
            JsonBodies.addIfPresent(o, "name", c.name());
            JsonBodies.addIfPresent(o, "email", c.email());
            arr.add(o);
        }
        return arr.build().toString();
    }

    @PUT
    @Path("{personId}")
    @Operation(summary = "Grants the coordinator role to a person who teaches in the district: 201 granted, 200 already, 400 not a teacher there")
    public Response grant(@PathParam("personId") String personId) {
        boolean created = coordinators.grant(requests.launch(), personId);
        return Response.status(created ? 201 : 200).entity(Json.createObjectBuilder().add("personId", personId).add("granted", true)
                .build().toString()).build();
    }

    @DELETE
    @Path("{personId}")
    @Operation(summary = "Revokes a grant (the person's open sessions in the district lose the role): 204; 404 when there was none; 400 for your own")
    public Response revoke(@PathParam("personId") String personId) {
        return coordinators.revoke(requests.launch(), personId) ? Response.noContent().build()
                : ApiError.of(404, "That person has no coordinator role granted in Tandem.");
    }

    /** The grants as the JSON APIs answer them (also the admin API's). */
    static String grants(List<CoordinatorGrants.Grant> grants) {
        JsonArrayBuilder arr = Json.createArrayBuilder();
        for (CoordinatorGrants.Grant g : grants) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("personId", g.personId()).add("platform", g.platformName());
            JsonBodies.addIfPresent(o, "name", g.name());
            JsonBodies.addIfPresent(o, "email", g.email());
            JsonBodies.addIfPresent(o, "grantedBy", g.grantedByName());
            JsonBodies.addIfPresent(o, "grantedAt", g.grantedAt() == null ? null : g.grantedAt().toInstant().toString());
            arr.add(o);
        }
        return arr.build().toString();
    }
}
