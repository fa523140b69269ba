package app.tandem.district.web;

import app.tandem.common.HtmlFragments;
import app.tandem.district.application.DistrictData;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.Map;

/**
 * GET /app/district/data: the coordinator's "District data" page (what Tandem stores for the district, rows per
 * table, what is never exported, how erasure works), and GET /app/district/data/export.zip: the download, which
 * carries the X-Tandem-Session header (the page's script fetches it, as the coverage CSV downloads do).
 */
@Path("app/district/data")
@RequestScoped
public class DataPages {
    @Inject
    LaunchRequests requests;

    @Inject
    DistrictData data;

    @GET
    public Response page() {
        return HtmlFragments.guard("district/problem.jte", requests.contextPath(), () -> {
            DistrictData.Inventory inventory = data.inventory(requests.launch());
            return HtmlFragments.render(200, "district/data.jte", requests.contextPath(), Map.of("inventory", inventory,
                    "fileName", DistrictData.fileName(inventory.district().name(), Instant.now())));
        });
    }

    @GET
    @Path("export.zip")
    public Response export() {
        return zip(data.export(requests.launch()));
    }

    /** A download as a streamed ZIP attachment, never cached. */
    public static Response zip(DistrictData.Download download) {
        StreamingOutput body = out -> download.body().writeTo(out);
        return Response.ok(body, "application/zip").header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"").build();
    }
}
