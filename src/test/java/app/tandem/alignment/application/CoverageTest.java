package app.tandem.alignment.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.alignment.AlignmentSeed;
import app.tandem.alignment.application.Coverage.Report;
import app.tandem.alignment.application.Coverage.StandardCoverage;
import app.tandem.alignment.application.CoverageRollup.Filter;
import app.tandem.alignment.application.CoverageRollup.Rollup;
import app.tandem.alignment.application.CoverageRollup.Row;
import app.tandem.alignment.domain.CoverageStore;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.Sections.Section;
import app.tandem.standards.TestDatabase;
import app.tandem.standards.application.FrameworkImport;
import app.tandem.standards.application.ImportRunner;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.FrameworkRef;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import app.tandem.standards.domain.StandardsStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Coverage on an H2 database with Tandem's schema and the real CCSS Math package: a section's report (counts by
 * type, components counted with their standard, gaps, units, alignments outside the targets), link groups, and the
 * district roll-up read from the aggregate (agreeing with the section reports, filters, incremental refresh).
 */
class CoverageTest {
    static final String P = "CCSS.Math.Content.";

    final TestDatabase db = new TestDatabase();
    final StandardsStore standards = new StandardsStore(db.dataSource);
    final StandardsCatalog catalog = new StandardsCatalog(standards);
    final CoverageTargets targets = new CoverageTargets(catalog);
    final CoverageStore store = new CoverageStore(db.dataSource);
    final CoverageIndex index = new CoverageIndex(store, targets);
    final Coverage coverage = new Coverage(targets, store, index);
    final CoverageRollup rollup = new CoverageRollup(store, targets, index);

    String math;
    Map<String, StandardRef> byCode;
    String registration;

    @BeforeEach
    void importMath() throws Exception {
        Path file = TestDatabase.data("opensalt_ccss-math_cfpackage-2016-draft.json");
        try (Connection c = db.transaction()) {
            ImportRunner.Result r = ImportRunner.run(c, file, new FrameworkImport.Target(db.districtId, null, null,
                    file.getFileName().toString(), "case-json", null), null, null);
            c.commit();
            math = r.outcome().frameworkId();
        }
        standards.enable(db.districtId, math, null, null, null);
        byCode = new HashMap<>();
        catalog.outline(db.districtId, math).items().stream().filter(s -> s.code() != null)
                .forEach(s -> byCode.put(s.code().substring(s.code().startsWith(P) ? P.length() : 0), s));
        try (AlignmentSeed seed = new AlignmentSeed(db.dataSource)) {
            registration = seed.registration("Test LMS");
        }
    }

    StandardRef std(String code) {
        return byCode.get(code);
    }

    /** A section with grades, units of items, each item aligned to (code, type) pairs. */
    String section(String title, String grades, String school, Map<String, Map<String, List<String[]>>> units) throws Exception {
        try (AlignmentSeed seed = new AlignmentSeed(db.dataSource)) {
            String s = seed.section(db.districtId, registration, title);
            seed.settings(s, db.districtId, grades, "Math", null, school);
            int u = 0;
            for (var unit : units.entrySet()) {
                String unitId = seed.unit(s, db.districtId, unit.getKey(), u++);
                int i = 0;
                for (var item : unit.getValue().entrySet()) {
                    String itemId = seed.item(unitId, s, item.getKey(), i++);
                    for (String[] a : item.getValue()) {
                        StandardRef ref = std(a[0]);
                        seed.align(itemId, s, ref.id(), math, ref.code(), a[1]);
                    }
                }
            }
            return s;
        }
    }

    static List<String[]> as(String[]... alignments) {
        return List.of(alignments);
    }

    static String[] a(String code, String type) {
        return new String[] {code, type};
    }

    Section sectionRef(String id, String title) {
        return new Section(id, db.districtId, registration, "Test LMS", "ctx-" + id, title, null);
    }

    CourseSettings.Settings settings(String id, Set<String> grades) {
        List<FrameworkRef> enabled = catalog.enabledFrameworks(db.districtId);
        return new CourseSettings.Settings(id, grades, Set.of(), Set.of(), null, 0,
                CourseSettings.effectiveFrameworks(enabled, grades, Set.of(), Set.of()));
    }

    Report report(String id, Set<String> grades, LinkedSections.Link link) {
        return coverage.compute(sectionRef(id, "Section " + id), settings(id, grades), link, sid -> "Section " + sid, SectionAccess.Level.TEACHER);
    }

    Map<String, Map<String, List<String[]>>> grade7Course() {
        Map<String, Map<String, List<String[]>>> units = new java.util.LinkedHashMap<>();
        units.put("Ratios", new java.util.LinkedHashMap<>(Map.of(
                "Unit rates lesson", as(a("7.RP.A.1", "TEACHES"), a("7.RP.A.1", "PRACTISES")),
                "Proportions quiz", as(a("7.RP.A.2a", "ASSESSES")))));
        units.put("Expressions", new java.util.LinkedHashMap<>(Map.of(
                "Equivalent expressions", as(a("7.EE.A.1", "TEACHES"), a("6.RP.A.1", "PRACTISES"), a("7.RP.A", "TEACHES")))));
        units.put("Geometry (not started)", Map.of());
        return units;
    }

    @Test
    void sectionReportCountsTypesComponentsGapsUnitsAndOutsiders() throws Exception {
        String s = section("Math 7", "07", "North", grade7Course());
        Report r = report(s, Set.of("07"), null);

        int grade7 = catalog.outline(db.districtId, math).coverageTargets(Set.of("07")).size();
        assertThat(r.totals().targets()).isEqualTo(grade7).isGreaterThan(20);
        assertThat(r.totals().covered()).isEqualTo(3);
        assertThat(r.totals().taught()).isEqualTo(2);
        assertThat(r.totals().practised()).isEqualTo(1);
        assertThat(r.totals().assessed()).isEqualTo(1);

        StandardCoverage rp1 = r.standard(std("7.RP.A.1").id()).orElseThrow();
        assertThat(rp1.teaches()).isEqualTo(1);
        assertThat(rp1.practises()).isEqualTo(1);
        assertThat(rp1.items()).extracting(Coverage.ItemUse::itemTitle).containsExactly("Unit rates lesson", "Unit rates lesson");
        StandardCoverage rp2 = r.standard(std("7.RP.A.2").id()).orElseThrow();
        assertThat(rp2.assesses()).isEqualTo(1);
        assertThat(rp2.items()).singleElement().satisfies(u -> {
            assertThat(u.viaCode()).endsWith("7.RP.A.2a");
            assertThat(u.unitTitle()).isEqualTo("Ratios");
        });
        assertThat(r.standard(std("7.RP.A.3").id()).orElseThrow().covered()).isFalse();

        Coverage.Gap rpGaps = r.gaps().stream().filter(g -> g.domain().id().equals(std("7.RP.A.1").domainId())).findFirst().orElseThrow();
        assertThat(rpGaps.standards()).extracting(StandardRef::code).contains(P + "7.RP.A.3").doesNotContain(P + "7.RP.A.1", P + "7.RP.A.2");
        assertThat(r.gaps().stream().mapToInt(g -> g.standards().size()).sum()).isEqualTo(grade7 - 3);

        assertThat(r.units()).extracting(Coverage.UnitCoverage::title).containsExactly("Ratios", "Expressions", "Geometry (not started)");
        assertThat(r.units().get(0).covered()).containsExactlyInAnyOrder(std("7.RP.A.1").id(), std("7.RP.A.2").id());
        assertThat(r.units().get(1).covered()).containsExactly(std("7.EE.A.1").id());
        assertThat(r.units().get(2).covered()).isEmpty();

        assertThat(r.outside()).extracting(Coverage.Outside::code).containsExactlyInAnyOrder(P + "6.RP.A.1", P + "7.RP.A");
        assertThat(r.outside()).filteredOn(o -> o.code().endsWith("6.RP.A.1")).singleElement()
                .satisfies(o -> assertThat(o.reason()).contains("grades"));
        assertThat(r.outside()).filteredOn(o -> o.code().endsWith("7.RP.A")).singleElement()
                .satisfies(o -> assertThat(o.reason()).contains("not a coverage target"));

        // the report wrote the section's roll-up rows on the way
        // (Ratios and Proportional Relationships spans grades 6 and 7 in this package: one row per grade list)
        String rp = std("7.RP.A.1").domainId();
        assertThat(std("6.RP.A.1").domainId()).isEqualTo(rp);
        List<CoverageStore.DomainRow> rows = aggregate(s);
        assertThat(rows).filteredOn(x -> x.domainId().equals(rp) && x.grades().equals("07")).singleElement().satisfies(x -> {
            assertThat(x.covered()).isEqualTo(2);
            assertThat(List.of(x.taught(), x.practised(), x.assessed())).containsExactly(1, 1, 1);
            assertThat(x.frameworkId()).isEqualTo(math);
        });
        assertThat(rows).filteredOn(x -> x.domainId().equals(rp) && x.grades().equals("06")).singleElement()
                .satisfies(x -> assertThat(x.covered()).isEqualTo(1));
        assertThat(CoverageStore.decode(s, CoverageStore.encode(rows))).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void componentsCountForTheStandardTheyExtendOnly() {
        CoverageTargets.TargetMap map = targets.targetMap(db.districtId, math).orElseThrow();
        assertThat(map.target(std("7.RP.A.2a").id()).code()).isEqualTo(P + "7.RP.A.2");
        assertThat(map.target(std("7.RP.A.2").id()).code()).isEqualTo(P + "7.RP.A.2");
        assertThat(map.target(std("7.RP.A").id())).isNull();
        assertThat(map.target(std("7.RP.A.1").domainId())).isNull();
    }

    @Test
    void targetsDomainsAndClustersFollowTheNaturalOrderOfCodes() {
        CoverageTargets.Profile p = targets.profile(db.districtId, catalog.enabledFrameworks(db.districtId), Set.of("07"));
        assertThat(p.targets()).extracting(StandardRef::code).startsWith(P + "7.EE.A.1", P + "7.EE.A.2", P + "7.EE.B.3", P + "7.EE.B.4",
                P + "7.G.A.1");
        assertThat(p.clusters()).extracting(CoverageTargets.Group::label).map(l -> l.split(" ")[0].substring(P.length()))
                .containsExactly("7.EE.A", "7.EE.B", "7.G.A", "7.G.B", "7.NS.A", "7.RP.A", "7.SP.A", "7.SP.B", "7.SP.C");
        StandardRef a = new StandardRef("a", "f", "F", "a", "7.RP.A.2", "s", List.of(), "Standard", false, "d", "D", "c", "C");
        StandardRef b = new StandardRef("b", "f", "F", "b", "7.RP.A.10", "s", List.of(), "Standard", false, "d", "D", "c", "C");
        StandardRef none = new StandardRef("n", "f", "F", "n", null, "s", List.of(), "Standard", false, "d", "D", "c", "C");
        assertThat(CoverageTargets.byCode(a, b)).isNegative();
        assertThat(CoverageTargets.byCode(none, a)).isPositive();
    }

    @Test
    void linkGroupShowsWhoCoversWhat() throws Exception {
        String a = section("Math 7 A", "07", "North", grade7Course());
        Map<String, Map<String, List<String[]>>> other = Map.of("Numbers", Map.of("Rational numbers",
                as(a("7.NS.A.1", "TEACHES"), a("7.RP.A.1", "ASSESSES"))));
        String b = section("Math 7 B", "07", "North", other);
        Report r = report(a, Set.of("07"), new LinkedSections.Link("g1", "Grade 7 team", List.of(a, b), false));

        assertThat(r.link()).isNotNull();
        assertThat(r.link().coveredByAny()).isEqualTo(4);
        assertThat(r.link().onlyByOthers()).extracting(StandardRef::code).containsExactly(P + "7.NS.A.1");
        assertThat(r.link().sections()).extracting(Coverage.LinkedSection::covered).containsExactly(3, 2);
        assertThat(r.link().sections().get(0).self()).isTrue();
        assertThat(r.standard(std("7.RP.A.1").id()).orElseThrow().coveredBy()).containsExactly(a, b);
        assertThat(r.standard(std("7.NS.A.1").id()).orElseThrow().coveredBy()).containsExactly(b);
        // the other section's items are not this section's coverage
        assertThat(r.totals().covered()).isEqualTo(3);
        assertThat(r.standard(std("7.RP.A.1").id()).orElseThrow().items()).hasSize(2);
    }

    @Test
    void rollUpAgreesWithTheSectionReportsAndFilters() throws Exception {
        String north = section("Math 7 North", "07", "North", grade7Course());
        String south = section("Math 7 South", "07", "South", Map.of("All", Map.of("Everything", as(a("7.RP.A.1", "TEACHES"),
                a("7.RP.A.2", "TEACHES"), a("7.RP.A.3", "ASSESSES"), a("7.G.A.1", "PRACTISES")))));
        String eight = section("Math 8", "08", "North", Map.of("Functions", Map.of("Intro", as(a("8.F.A.1", "TEACHES")))));
        String empty = section("Math 7 new", "07", null, Map.of());

        Rollup all = rollup.compute(db.districtId, Filter.ALL);
        assertThat(all.sections()).isEqualTo(4);
        assertThat(all.recomputed()).isEqualTo(4);
        assertThat(all.byFramework()).isFalse();
        assertThat(all.columns()).extracting(CoverageRollup.Column::label).anyMatch(l -> l.contains("Ratios and Proportional"))
                .anyMatch(l -> l.contains("Functions"));
        for (String s : List.of(north, south, empty)) {
            Row row = row(all, s);
            Report rep = report(s, Set.of("07"), null);
            assertThat(row.covered()).as(s).isEqualTo(rep.totals().covered());
            assertThat(row.targets()).as(s).isEqualTo(rep.totals().targets());
        }
        assertThat(row(all, eight).covered()).isEqualTo(1);
        // a grade-8 domain does not apply to a grade-7 section
        int f8 = column(all, std("8.F.A.1").domainId());
        assertThat(row(all, north).cellTargets()[f8]).isEqualTo(-1);
        assertThat(row(all, eight).cellCovered()[f8]).isEqualTo(1);
        int rp7 = column(all, std("7.RP.A.1").domainId());
        assertThat(row(all, south).cellCovered()[rp7]).isEqualTo(3);
        assertThat(all.summaryCovered()[rp7]).isEqualTo(2 + 3);
        assertThat(all.summaryTargets()[rp7]).isEqualTo(3 * row(all, south).cellTargets()[rp7]);
        // least covered first
        assertThat(all.rows().get(0).section().id()).isEqualTo(empty);

        Rollup grade7 = rollup.compute(db.districtId, Filter.parse("7", null, null, null, "title", null, null));
        assertThat(grade7.rows()).extracting(r -> r.section().title()).containsExactly("Math 7 new", "Math 7 North", "Math 7 South");
        assertThat(grade7.columns()).noneMatch(c -> c.id().equals(std("8.F.A.1").domainId()))
                .anyMatch(c -> c.id().equals(std("7.EE.A.1").domainId()));
        Rollup southOnly = rollup.compute(db.districtId, Filter.parse(null, "math", math, "south", null, null, null));
        assertThat(southOnly.rows()).extracting(r -> r.section().id()).containsExactly(south);
        assertThat(southOnly.options().schools()).containsExactly("North", "South");
        Rollup paged = rollup.compute(db.districtId, Filter.parse(null, null, null, null, "most", "2", "2"));
        assertThat(paged.pages()).isEqualTo(2);
        assertThat(paged.page()).extracting(r -> r.section().id()).containsExactly(eight, empty);
    }

    @Test
    void tooManyDomainsBecomeOneColumnPerFramework() throws Exception {
        section("Math, grades not set", null, null, Map.of("All", Map.of("One", as(a("3.OA.A.1", "TEACHES")))));
        rollup.maxDomainColumns = 10;
        Rollup r = rollup.compute(db.districtId, Filter.ALL);
        assertThat(r.byFramework()).isTrue();
        assertThat(r.columns()).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(math));
        assertThat(r.rows().get(0).covered()).isEqualTo(1);
        assertThat(r.rows().get(0).targets()).isGreaterThan(200);
    }

    @Test
    void laterChangesAreFoundThroughTheAlignmentHistory() throws Exception {
        String north = section("Math 7 North", "07", "North", grade7Course());
        String south = section("Math 7 South", "07", "South", Map.of("All", Map.of("One", as(a("7.RP.A.1", "TEACHES")))));
        assertThat(rollup.compute(db.districtId, Filter.ALL).recomputed()).isEqualTo(2);
        assertThat(rollup.compute(db.districtId, Filter.ALL).recomputed()).as("nothing changed").isZero();

        try (AlignmentSeed seed = new AlignmentSeed(db.dataSource)) {
            String unit = seed.unit(south, db.districtId, "More", 5);
            String item = seed.item(unit, south, "Geometry lab", 0);
            seed.align(item, south, std("7.G.A.1").id(), math, std("7.G.A.1").code(), "PRACTISES");
        }
        Rollup after = rollup.compute(db.districtId, Filter.ALL);
        assertThat(after.recomputed()).isEqualTo(1);
        assertThat(row(after, south).covered()).isEqualTo(2);
        assertThat(row(after, north).covered()).isEqualTo(3);

        // a change stamped before the last computation but committed after it (a slow transaction, a server's clock
        // a little behind) is still found: the section's event count differs
        try (AlignmentSeed seed = new AlignmentSeed(db.dataSource)) {
            String unit = seed.unit(north, db.districtId, "Late", 6);
            seed.align(seed.item(unit, north, "Late lesson", 0), north, std("7.SP.A.1").id(), math, std("7.SP.A.1").code(), "TEACHES");
        }
        exec("UPDATE al_alignment_event SET occurred_at = occurred_at - INTERVAL '3' MINUTE WHERE standard_id = ?", std("7.SP.A.1").id());
        Rollup late = rollup.compute(db.districtId, Filter.ALL);
        assertThat(late.recomputed()).isEqualTo(1);
        assertThat(row(late, north).covered()).isEqualTo(4);
        assertThat(rollup.compute(db.districtId, Filter.ALL).recomputed()).isZero();

        // a row that is missing (a failed write, a new section) is computed by the next roll-up
        exec("DELETE FROM al_coverage_section WHERE section_id = ?", south);
        Rollup missing = rollup.compute(db.districtId, Filter.ALL);
        assertThat(missing.recomputed()).isEqualTo(1);
        assertThat(row(missing, south).covered()).isEqualTo(2);
    }

    @Test
    void aReimportedFrameworkVersionIsRecomputedWhenRead() throws Exception {
        String s = section("Math 7", "07", null, grade7Course());
        rollup.compute(db.districtId, Filter.ALL);
        importMathAgain();
        assertThat(aggregate(s)).isNotEmpty().allMatch(x -> x.frameworkVersion() == 1);
        Rollup r = rollup.compute(db.districtId, Filter.ALL);
        assertThat(r.recomputed()).isEqualTo(1);
        assertThat(aggregate(s)).isNotEmpty().allMatch(x -> x.frameworkVersion() == 2);
        assertThat(row(r, s).covered()).isEqualTo(3);
    }

    private List<CoverageStore.DomainRow> aggregate(String sectionId) {
        return CoverageStore.decode(sectionId, store.summaries(List.of(sectionId)).get(sectionId));
    }

    private void exec(String sql, Object... args) throws Exception {
        try (Connection c = db.dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private void importMathAgain() throws Exception {
        Path file = TestDatabase.data("opensalt_ccss-math_cfpackage-2016-draft.json");
        try (Connection c = db.transaction()) {
            ImportRunner.run(c, file, new FrameworkImport.Target(db.districtId, null, null, "again.json", "case-json", null), null, null);
            c.commit();
        }
    }

    @Test
    void badFiltersAreRefusedWithTheFieldNamed() {
        assertThat(Filter.parse(" 7 ", "", "", null, "TITLE", "3", "10")).isEqualTo(new Filter("07", null, null, null,
                CoverageRollup.Sort.TITLE, 3, 10));
        assertThat(Filter.parse("k", null, null, null, null, null, null).grade()).isEqualTo("KG");
        for (String[] bad : new String[][] {{"grade", "banana"}, {"page", "0"}, {"page", "x"}, {"pageSize", "100000"}, {"sort", "up"},
                {"framework", "a b"}, {"school", "x".repeat(301)}}) {
            assertThatThrownBy(() -> Filter.parse(bad[0].equals("grade") ? bad[1] : null, null, bad[0].equals("framework") ? bad[1] : null,
                    bad[0].equals("school") ? bad[1] : null, bad[0].equals("sort") ? bad[1] : null, bad[0].equals("page") ? bad[1] : null,
                    bad[0].equals("pageSize") ? bad[1] : null))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.fields()).containsKey(bad[0]);
                    });
        }
        assertThatThrownBy(() -> rollup.compute(db.districtId, Filter.parse(null, null, "not-enabled", null, null, null, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.fields()).containsKey("framework"));
    }

    private static Row row(Rollup r, String sectionId) {
        return r.rows().stream().filter(x -> x.section().id().equals(sectionId)).findFirst().orElseThrow();
    }

    private static int column(Rollup r, String id) {
        Map<String, Integer> cols = new HashMap<>();
        for (int i = 0; i < r.columns().size(); i++) {
            cols.put(r.columns().get(i).id(), i);
        }
        assertThat(cols).as(r.columns().stream().map(CoverageRollup.Column::label).collect(Collectors.joining(", "))).containsKey(id);
        return cols.get(id);
    }
}
