package app.tandem.district.web;

import app.tandem.common.HtmlFragments;
import app.tandem.district.application.DistrictAudit;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** GET /app/district/audit: the coordinator's audit log page (newest first, 50 a page, filters by action and person). */
@Path("app/district/audit")
@RequestScoped
public class AuditPages {
    @Inject
    LaunchRequests requests;

    @Inject
    DistrictAudit audit;

    @GET
    public Response page(@QueryParam("page") String page, @QueryParam("action") String action, @QueryParam("person") String person) {
        return HtmlFragments.guard("district/problem.jte", requests.contextPath(), () -> {
            LaunchContext launch = requests.launch();
            DistrictAudit.Query q = DistrictAudit.query(page, action, person);
            Map<String, Object> m = new HashMap<>();
            m.put("audit", audit.page(launch, q));
            m.put("choices", audit.choices(launch));
            m.put("query", q);
            return HtmlFragments.render(200, "district/audit.jte", requests.contextPath(), m);
        });
    }

    /** The query string of a page of the same filtered view. */
    public static String link(DistrictAudit.Query q, int page) {
        StringBuilder b = new StringBuilder("?page=").append(page);
        if (q.action() != null) {
            b.append("&action=").append(java.net.URLEncoder.encode(q.action(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (q.person() != null) {
            b.append("&person=").append(java.net.URLEncoder.encode(q.person(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
