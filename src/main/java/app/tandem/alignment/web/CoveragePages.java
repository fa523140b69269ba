package app.tandem.alignment.web;

import app.tandem.alignment.application.Coverage;
import app.tandem.alignment.application.CoverageRollup;
import app.tandem.alignment.application.CoverageTargets.Group;
import app.tandem.common.HtmlFragments;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Coverage pages (htmx fragments swapped into the launch page): a section's coverage with its unit × cluster (or
 * domain) heatmap, gaps and link group (teachers, linked teachers, coordinators), and the district roll-up for
 * coordinators with filters and drill-down; both as CSV too. Problems a person can fix come back as a 4xx
 * fragment shown in place; the CSV downloads answer errors as the rest of the application does.
 *
 * <p>Each address has its own root resource (below): JAX-RS picks the root class with the longest literal path
 * first, so a class at "app" would lose /app/course/{id}/… to the course map's "app/course".
 */
@RequestScoped
public class CoveragePages {
    static final MediaType CSV = new MediaType("text", "csv", "UTF-8");

    @Inject
    LaunchRequests requests;

    @Inject
    Coverage coverage;

    @Inject
    CoverageRollup rollup;

    public Response section(String sectionId, String by) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            boolean byDomain = byDomain(by);
            Coverage.Report report = coverage.section(launch, sectionId);
            Map<String, Object> m = new HashMap<>();
            m.put("launch", launch);
            m.put("report", report);
            m.put("byDomain", byDomain);
            m.put("heatmap", unitHeatmap(report, byDomain));
            return render("alignment/coverage.jte", m);
        });
    }

    public Response sectionCsv(String sectionId) {
        Coverage.Report report = coverage.section(requests.launch(), sectionId);
        return Response.ok(CoverageCsv.section(report), CSV).header("Cache-Control", "no-store")
                .header("Content-Disposition", CoverageCsv.disposition("coverage " + report.section().displayTitle())).build();
    }

    public Response district(String grade, String subject, String framework, String school, String sort, String page) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            CoverageRollup.Filter filter = CoverageRollup.Filter.parse(grade, subject, framework, school, sort, page, null);
            return districtPage(launch, rollup.rollup(launch, filter), false);
        });
    }

    public Response recompute(String grade, String subject, String framework, String school, String sort) {
        return guard(() -> {
            LaunchContext launch = requests.launch();
            CoverageRollup.Filter filter = CoverageRollup.Filter.parse(grade, subject, framework, school, sort, null, null);
            return districtPage(launch, rollup.recompute(launch, filter), true);
        });
    }

    public Response districtCsv(String grade, String subject, String framework, String school, String sort) {
        LaunchContext launch = requests.launch();
        CoverageRollup.Rollup r = rollup.rollup(launch, CoverageRollup.Filter.parse(grade, subject, framework, school, sort, null, null));
        return Response.ok(CoverageCsv.district(r), CSV).header("Cache-Control", "no-store")
                .header("Content-Disposition", CoverageCsv.disposition("district coverage")).build();
    }

    private Response districtPage(LaunchContext launch, CoverageRollup.Rollup r, boolean recomputed) {
        Map<String, Object> m = new HashMap<>();
        m.put("launch", launch);
        m.put("rollup", r);
        m.put("recomputed", recomputed);
        m.put("query", query(r.filter()));
        List<CoverageRollup.Row> page = r.page();
        List<String> labels = new ArrayList<>(List.of("District-wide (" + r.rows().size() + " sections)"));
        page.forEach(row -> labels.add(row.section().title()));
        int n = r.columns().size();
        int[][] covered = new int[labels.size()][];
        int[][] targets = new int[labels.size()][];
        covered[0] = r.summaryCovered();
        targets[0] = r.summaryTargets().clone();
        for (int i = 0; i < n; i++) {
            if (targets[0][i] == 0) {
                targets[0][i] = -1;
            }
        }
        for (int i = 0; i < page.size(); i++) {
            covered[i + 1] = page.get(i).cellCovered();
            targets[i + 1] = page.get(i).cellTargets();
        }
        List<CoverageHeatmap.Column> columns = CoverageHeatmap.columns(r.columns().stream().map(CoverageRollup.Column::label).toList());
        m.put("columns", columns);
        m.put("heatmap", CoverageHeatmap.build("district-heatmap", "District coverage by section and " + (r.byFramework() ? "framework" : "domain"),
                "Share of each " + (r.byFramework() ? "framework's" : "domain's") + " standards covered by " + page.size() + " of " + r.rows().size()
                        + " sections, least covered first unless sorted otherwise; the first row is the district-wide share. "
                        + "The same numbers are in the table below.", labels, columns, covered, targets, true));
        return render("alignment/coverage-district.jte", m);
    }

    /** Units (then the whole course) × clusters or domains of the section's targets. */
    private CoverageHeatmap.Svg unitHeatmap(Coverage.Report r, boolean byDomain) {
        List<Group> groups = byDomain ? r.profile().domains() : r.profile().clusters();
        Map<String, Integer> groupOf = byDomain ? r.profile().domainOf() : r.profile().clusterOf();
        List<String> labels = new ArrayList<>();
        r.units().forEach(u -> labels.add(u.title()));
        labels.add("Whole course");
        int[][] covered = new int[labels.size()][groups.size()];
        int[][] targets = new int[labels.size()][groups.size()];
        for (int i = 0; i < labels.size(); i++) {
            for (int g = 0; g < groups.size(); g++) {
                targets[i][g] = groups.get(g).targets();
            }
        }
        for (int i = 0; i < r.units().size(); i++) {
            for (String id : r.units().get(i).covered()) {
                covered[i][groupOf.get(id)]++;
            }
        }
        for (Coverage.StandardCoverage s : r.standards()) {
            if (s.covered()) {
                covered[labels.size() - 1][groupOf.get(s.standard().id())]++;
            }
        }
        String what = byDomain ? "domain" : "cluster";
        return CoverageHeatmap.build("unit-heatmap", "Coverage by unit and " + what,
                "For each unit of " + r.section().displayTitle() + " and the whole course, how many standards of each " + what + " its items are "
                        + "aligned to: " + r.totals().covered() + " of " + r.totals().targets() + " standards in all. The same numbers are in the "
                        + "table below.", labels, CoverageHeatmap.columns(groups.stream().map(Group::label).toList()), covered, targets, false);
    }

    static boolean byDomain(String by) {
        if (by == null || by.isBlank() || by.equals("cluster")) {
            return false;
        }
        if (by.equals("domain")) {
            return true;
        }
        throw new InvalidRequestException("Group the heatmap by cluster or domain.", Map.of("by", "use cluster or domain"));
    }

    /** The filter as a query string (without the page), for links and downloads. */
    static String query(CoverageRollup.Filter f) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("grade", f.grade());
        q.put("subject", f.subject());
        q.put("framework", f.frameworkId());
        q.put("school", f.school());
        q.put("sort", f.sort().name().toLowerCase(java.util.Locale.ROOT));
        StringBuilder out = new StringBuilder();
        q.forEach((k, v) -> {
            if (v != null) {
                out.append(out.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    private Response render(String template, Map<String, Object> model) {
        return render(200, template, model);
    }

    private Response render(int status, String template, Map<String, Object> model) {
        return HtmlFragments.render(status, template, requests.contextPath(), model);
    }

    /** A problem the person can fix (or a missing session) is shown in place as a 4xx fragment. */
    private Response guard(Supplier<Response> page) {
        return HtmlFragments.guard("alignment/coverage-problem.jte", requests.contextPath(), page);
    }

    /** GET /app/course/{sectionId}/coverage[?by=cluster|domain] */
    @Path("app/course/{sectionId}/coverage")
    @RequestScoped
    public static class SectionPage {
        @Inject
        CoveragePages pages;

        @GET
        public Response get(@PathParam("sectionId") String sectionId, @QueryParam("by") String by) {
            return pages.section(sectionId, by);
        }
    }

    /** GET /app/course/{sectionId}/coverage.csv */
    @Path("app/course/{sectionId}/coverage.csv")
    @RequestScoped
    public static class SectionCsv {
        @Inject
        CoveragePages pages;

        @GET
        public Response get(@PathParam("sectionId") String sectionId) {
            return pages.sectionCsv(sectionId);
        }
    }

    /** GET /app/district/coverage (filters, page) and POST …/recompute */
    @Path("app/district/coverage")
    @RequestScoped
    public static class DistrictPage {
        @Inject
        CoveragePages pages;

        @GET
        public Response get(@QueryParam("grade") String grade, @QueryParam("subject") String subject, @QueryParam("framework") String framework,
                            @QueryParam("school") String school, @QueryParam("sort") String sort, @QueryParam("page") String page) {
            return pages.district(grade, subject, framework, school, sort, page);
        }

        @POST
        @Path("recompute")
        public Response recompute(@QueryParam("grade") String grade, @QueryParam("subject") String subject,
                                  @QueryParam("framework") String framework, @QueryParam("school") String school, @QueryParam("sort") String sort) {
            return pages.recompute(grade, subject, framework, school, sort);
        }
    }

    /** GET /app/district/coverage.csv (filters) */
    @Path("app/district/coverage.csv")
    @RequestScoped
    public static class DistrictCsv {
        @Inject
        CoveragePages pages;

        @GET
        public Response get(@QueryParam("grade") String grade, @QueryParam("subject") String subject, @QueryParam("framework") String framework,
                            @QueryParam("school") String school, @QueryParam("sort") String sort) {
            return pages.districtCsv(grade, subject, framework, school, sort);
        }
    }
}
