package app.tandem.alignment.web;

import app.tandem.alignment.application.Coverage;
import app.tandem.alignment.application.CoverageRollup;
import app.tandem.alignment.application.CoverageTargets.Group;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchRequests;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Collection;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Coverage as JSON. Authenticated by the launch session (header X-Tandem-Session): a section's coverage for its
 * teachers, teachers of linked sections and the district's coordinators; the district roll-up for coordinators.
 * Errors are JSON: {"status":4xx,"error":"...","fields":{...}}.
 */
@Path("api/sections/{sectionId}/coverage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coverage", description = "Standards coverage of sections and the district roll-up (launch session in X-Tandem-Session)")
public class CoverageApi {
    @Inject
    LaunchRequests requests;

    @Inject
    Coverage coverage;

    @Inject
    CoverageRollup rollup;

    @GET
    @Operation(summary = "A section's coverage: every target standard of its frameworks and grades with teach/practise/assess counts and "
            + "items, what each unit covers, gaps by domain, alignments that count for no target, and the link group's coverage")
    public String section(@Parameter(description = "the section id (the launch's section)") @PathParam("sectionId") String sectionId) {
        LaunchContext launch = requests.launch();
        Coverage.Report r = coverage.section(launch, sectionId);
        JsonArrayBuilder standards = Json.createArrayBuilder();
        for (Coverage.StandardCoverage s : r.standards()) {
            JsonArrayBuilder items = Json.createArrayBuilder();
            s.items().forEach(i -> {
                JsonObjectBuilder b = Json.createObjectBuilder().add("itemId", i.itemId()).add("title", nz(i.itemTitle())).add("type", i.type())
                        .add("unitId", nz(i.unitId())).add("unitTitle", nz(i.unitTitle()));
                if (i.viaCode() != null) {
                    b.add("via", i.viaCode());
                }
                items.add(b);
            });
            JsonObjectBuilder b = standard(s.standard()).add("covered", s.covered()).add("teaches", s.teaches()).add("practises", s.practises())
                    .add("assesses", s.assesses()).add("items", items);
            if (r.link() != null) {
                b.add("coveredBy", strings(s.coveredBy()));
            }
            standards.add(b);
        }
        JsonArrayBuilder units = Json.createArrayBuilder();
        r.units().forEach(u -> units.add(Json.createObjectBuilder().add("id", u.id()).add("title", u.title()).add("position", u.position())
                .add("alignments", u.alignments()).add("covered", strings(u.covered()))));
        JsonArrayBuilder gaps = Json.createArrayBuilder();
        r.gaps().forEach(g -> {
            JsonArrayBuilder list = Json.createArrayBuilder();
            g.standards().forEach(s -> list.add(standard(s)));
            gaps.add(group(g.domain()).add("standards", list));
        });
        JsonArrayBuilder outside = Json.createArrayBuilder();
        r.outside().forEach(o -> outside.add(Json.createObjectBuilder().add("standardId", o.standardId()).add("code", nz(o.code()))
                .add("reason", o.reason()).add("items", o.items().size())));
        JsonArrayBuilder frameworks = Json.createArrayBuilder();
        r.settings().frameworks().forEach(f -> frameworks.add(Json.createObjectBuilder().add("id", f.id()).add("title", f.title())));
        JsonArrayBuilder domains = Json.createArrayBuilder();
        r.profile().domains().forEach(d -> domains.add(group(d)));
        JsonArrayBuilder clusters = Json.createArrayBuilder();
        r.profile().clusters().forEach(c -> clusters.add(group(c)));
        Coverage.Totals t = r.totals();
        JsonObjectBuilder out = Json.createObjectBuilder()
                .add("section", Json.createObjectBuilder().add("id", r.section().id()).add("title", r.section().displayTitle()))
                .add("frameworks", frameworks).add("grades", strings(r.settings().grades()))
                .add("totals", Json.createObjectBuilder().add("targets", t.targets()).add("covered", t.covered()).add("taught", t.taught())
                        .add("practised", t.practised()).add("assessed", t.assessed()).add("percent", t.percent()))
                .add("domains", domains).add("clusters", clusters).add("standards", standards).add("units", units).add("gaps", gaps)
                .add("outside", outside);
        if (r.link() != null) {
            JsonArrayBuilder sections = Json.createArrayBuilder();
            r.link().sections().forEach(s -> sections.add(Json.createObjectBuilder().add("id", s.id()).add("title", nz(s.title()))
                    .add("covered", s.covered()).add("self", s.self())));
            JsonArrayBuilder only = Json.createArrayBuilder();
            r.link().onlyByOthers().forEach(s -> only.add(standard(s)));
            out.add("link", Json.createObjectBuilder().add("groupId", r.link().groupId()).add("name", nz(r.link().groupName()))
                    .add("sections", sections).add("coveredByAny", r.link().coveredByAny()).add("onlyByOthers", only));
        }
        return out.build().toString();
    }

    /** The district roll-up at its own root path (JAX-RS picks root classes by their literal path). */
    @Path("api/district/coverage")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Coverage")
    public static class District {
        @Inject
        CoverageApi api;

        @GET
        @Operation(summary = "The district roll-up (coordinators): sections × standards domains (frameworks when there are more than 40 "
                + "domains), filtered by grade, subject, framework and school; rows paged")
        public String get(@Parameter(description = "K, 1 … 12, or a CASE grade code") @QueryParam("grade") String grade,
                          @QueryParam("subject") String subject,
                          @Parameter(description = "an enabled framework's id") @QueryParam("framework") String framework,
                          @QueryParam("school") String school,
                          @Parameter(description = "least (default), most or title") @QueryParam("sort") String sort,
                          @QueryParam("page") String page,
                          @Parameter(description = "rows per page, 1 … 1000 (default 50)") @QueryParam("pageSize") String pageSize) {
            return api.district(grade, subject, framework, school, sort, page, pageSize);
        }
    }

    /** The roll-up as JSON (served by {@link District}). */
    String district(String grade, String subject, String framework, String school, String sort, String page, String pageSize) {
        LaunchContext launch = requests.launch();
        CoverageRollup.Rollup r = rollup.rollup(launch, CoverageRollup.Filter.parse(grade, subject, framework, school, sort, page, pageSize));
        JsonArrayBuilder columns = Json.createArrayBuilder();
        for (int i = 0; i < r.columns().size(); i++) {
            CoverageRollup.Column c = r.columns().get(i);
            columns.add(Json.createObjectBuilder().add("id", c.id()).add("label", c.label()).add("frameworkId", c.frameworkId())
                    .add("frameworkTitle", c.frameworkTitle()).add("covered", r.summaryCovered()[i]).add("targets", r.summaryTargets()[i]));
        }
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (CoverageRollup.Row row : r.page()) {
            JsonArrayBuilder cells = Json.createArrayBuilder();
            for (int i = 0; i < r.columns().size(); i++) {
                if (row.cellTargets()[i] < 0) {
                    cells.addNull();
                } else {
                    cells.add(Json.createObjectBuilder().add("covered", row.cellCovered()[i]).add("targets", row.cellTargets()[i]));
                }
            }
            var s = row.section();
            rows.add(Json.createObjectBuilder().add("section", Json.createObjectBuilder().add("id", s.id()).add("title", nz(s.title()))
                            .add("school", nz(s.school())).add("grades", strings(s.grades())).add("subjects", strings(s.subjects()))
                            .add("frameworks", strings(s.frameworks())))
                    .add("covered", row.covered()).add("targets", row.targets()).add("percent", row.percent()).add("cells", cells));
        }
        CoverageRollup.Filter f = r.filter();
        JsonObjectBuilder filter = Json.createObjectBuilder().add("sort", f.sort().name().toLowerCase(java.util.Locale.ROOT))
                .add("page", f.page()).add("pageSize", f.pageSize());
        if (f.grade() != null) {
            filter.add("grade", f.grade());
        }
        if (f.subject() != null) {
            filter.add("subject", f.subject());
        }
        if (f.frameworkId() != null) {
            filter.add("framework", f.frameworkId());
        }
        if (f.school() != null) {
            filter.add("school", f.school());
        }
        return Json.createObjectBuilder().add("filter", filter).add("sections", r.sections()).add("matching", r.rows().size())
                .add("pages", r.pages()).add("byFramework", r.byFramework()).add("covered", r.covered()).add("targets", r.targets())
                .add("asOf", r.asOf().toString()).add("recomputed", r.recomputed()).add("millis", r.millis())
                .add("columns", columns).add("rows", rows).build().toString();
    }

    private static JsonObjectBuilder standard(StandardRef s) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", s.id()).add("frameworkId", s.frameworkId()).add("statement", nz(s.statement()))
                .add("domainId", s.domainId()).add("clusterId", s.clusterId());
        if (s.code() != null) {
            b.add("code", s.code());
        }
        return b;
    }

    private static JsonObjectBuilder group(Group g) {
        return Json.createObjectBuilder().add("id", g.id()).add("label", nz(g.label())).add("frameworkId", g.frameworkId()).add("targets", g.targets());
    }

    private static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
