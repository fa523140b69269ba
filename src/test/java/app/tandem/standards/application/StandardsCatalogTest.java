package app.tandem.standards.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.standards.TestDatabase;
import app.tandem.standards.domain.StandardsStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog's outline of the real CCSS Math package: domains, clusters and coverage targets. */
class StandardsCatalogTest {
    final TestDatabase db = new TestDatabase();
    final StandardsStore store = new StandardsStore(db.dataSource);
    final StandardsCatalog catalog = new StandardsCatalog(store);

    String importMath() throws Exception {
        Path file = TestDatabase.data("opensalt_ccss-math_cfpackage-2016-draft.json");
        try (Connection c = db.transaction()) {
            ImportRunner.Result r = ImportRunner.run(c, file, new FrameworkImport.Target(db.districtId, null, null,
                    file.getFileName().toString(), "case-json", null), null, null);
            c.commit();
            return r.outcome().frameworkId();
        }
    }

    @Test
    void groupsEachStandardUnderItsDomainAndCluster() throws Exception {
        String framework = importMath();
        StandardsCatalog.Outline outline = catalog.outline(db.districtId, framework);
        StandardsCatalog.StandardRef rp = outline.items().stream().filter(s -> "CCSS.Math.Content.7.RP.A.2".equals(s.code())).findFirst().orElseThrow();
        assertThat(rp.domainLabel()).contains("Ratios and Proportional Relationships");
        assertThat(rp.clusterLabel()).startsWith("CCSS.Math.Content.7.RP.A ");
        assertThat(rp.grades()).contains("07");

        List<StandardsCatalog.StandardRef> grade7 = outline.coverageTargets(Set.of("07"));
        assertThat(grade7).extracting(StandardsCatalog.StandardRef::code).contains("CCSS.Math.Content.7.RP.A.2", "CCSS.Math.Content.7.EE.B.4")
                .doesNotContain("CCSS.Math.Content.7.RP.A.2a", "CCSS.Math.Content.6.RP.A.1");
        assertThat(grade7).allMatch(s -> "Standard".equals(s.type()));
        assertThat(catalog.outline(db.districtId, framework)).isSameAs(outline);
    }

    @Test
    void findsStandardsByIdOnlyInTheDistrict() throws Exception {
        String framework = importMath();
        String id = catalog.outline(db.districtId, framework).items().get(10).id();
        assertThat(catalog.standards(db.districtId, List.of(id, "nope"))).containsOnlyKeys(id);
        assertThat(catalog.standard("other-district", id)).isEmpty();
        assertThat(catalog.enabledFrameworks(db.districtId)).isEmpty();
        store.enable(db.districtId, framework, "06,07", null, null);
        assertThat(catalog.enabledFrameworks(db.districtId)).singleElement()
                .satisfies(f -> assertThat(f.enabledGrades()).containsExactlyInAnyOrder("06", "07"));
    }
}
