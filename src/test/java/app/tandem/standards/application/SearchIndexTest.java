package app.tandem.standards.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.standards.TestDatabase;
import app.tandem.standards.domain.StandardsStore;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search ranking over the real CCSS Math hierarchy (OpenSALT 2016 package) and the CASE 1.0 crosswalk fixture. */
class SearchIndexTest {
    static TestDatabase db;
    static SearchIndex index;
    static String math;
    static String wscb;

    @BeforeAll
    static void load() throws Exception {
        db = new TestDatabase();
        math = importFile("opensalt_ccss-math_cfpackage-2016-draft.json");
        wscb = importFile("opensalt_what-standards-could-be_case1p0.json");
        StandardsStore store = new StandardsStore(db.dataSource);
        index = new SearchIndex(new ByteBuffersDirectory());
        store.frameworkVersions().forEach((id, f) ->
                SearchService.reindex(index, store, id, f[0], Integer.parseInt(f[1]), f[2], f[3]));
        index.commit();
    }

    static String importFile(String name) throws Exception {
        try (Connection c = db.transaction()) {
            return ImportRunner.run(c, TestDatabase.data(name),
                    new FrameworkImport.Target(db.districtId, null, null, name, "case-json", null), null, null).outcome().frameworkId();
        }
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static SearchIndex.Result search(String q) {
        return search(q, null, null);
    }

    static SearchIndex.Result search(String q, String grade, String type) {
        return index.search(new SearchIndex.Request(q, Map.of(math, Set.of(), wscb, Set.of()), null, grade, null, type, 10));
    }

    static List<String> codes(SearchIndex.Result r) {
        return r.hits().stream().map(h -> h.code() == null ? "-" : h.code()).toList();
    }

    @Test
    void exactCodeComesFirstAndCodesWorkWithoutTheirPrefix() {
        SearchIndex.Result r = search("7.RP.A.2");
        assertThat(r.hits()).isNotEmpty();
        assertThat(r.hits().get(0).code()).endsWith("7.RP.A.2");
        assertThat(search("CCSS.Math.Content.7.RP.A.2").hits().get(0).code()).endsWith("7.RP.A.2");
    }

    @Test
    void codePrefixFindsTheChildren() {
        List<String> codes = codes(search("7.RP.A"));
        assertThat(codes).anyMatch(c -> c.endsWith("7.RP.A.2")).anyMatch(c -> c.endsWith("7.RP.A.1")).anyMatch(c -> c.endsWith("7.RP.A.3"));
        assertThat(codes).allMatch(c -> c.contains("7.RP.A"));
        assertThat(codes(search("7.rp.a.2a"))).first().asString().endsWith("7.RP.A.2a");
    }

    @Test
    void wordsRankTheStandardAboutThemFirst() {
        SearchIndex.Result r = search("proportional relationships");
        assertThat(r.hits()).isNotEmpty();
        assertThat(codes(r).subList(0, 3)).anyMatch(c -> c.contains("7.RP"));
        assertThat(r.millis()).isLessThan(2000);
    }

    @Test
    void typosAreTolerated() {
        SearchIndex.Result r = search("proportinal relatonships");
        assertThat(codes(r).subList(0, 3)).anyMatch(c -> c.contains("7.RP"));
        assertThat(codes(search("fractons")).size()).isPositive();
    }

    @Test
    void ancestorsTextFindsStandardsUnderADomain() {
        // "Counting and Cardinality" is a domain title; its standards' own text rarely says "cardinality"
        SearchIndex.Result r = search("cardinality");
        assertThat(r.hits().size()).isGreaterThan(3);
        assertThat(codes(r)).anyMatch(c -> c.contains("K.CC."));
    }

    @Test
    void filtersByGradeAndType() {
        SearchIndex.Result r = search("fractions", "04", null);
        assertThat(r.hits()).isNotEmpty().allMatch(h -> h.grades() != null && h.grades().contains("04"));
        SearchIndex.Result clusters = search("ratio", null, "Cluster");
        assertThat(clusters.hits()).isNotEmpty().allMatch(h -> "Cluster".equals(h.type()));
    }

    @Test
    void invisibleFrameworksAreNeverSearched() {
        SearchIndex.Result r = index.search(new SearchIndex.Request("7.RP.A.2", Map.of(wscb, Set.of()), null, null, null, null, 10));
        assertThat(r.hits()).isNotEmpty().allMatch(h -> h.frameworkId().equals(wscb));
        assertThat(index.search(new SearchIndex.Request("ratio", Map.of(), null, null, null, null, 10)).hits()).isEmpty();
    }

    @Test
    void highlightsAreSegmentsNotMarkup() {
        SearchIndex.Result r = search("proportional");
        SearchIndex.Hit hit = r.hits().get(0);
        String joined = hit.highlighted().stream().map(SearchIndex.Segment::text).collect(Collectors.joining());
        assertThat(joined).isEqualTo(hit.statement());
        assertThat(hit.highlighted()).anyMatch(s -> s.match() && s.text().toLowerCase().startsWith("proportional"));
    }

    @Test
    void levenshteinWithTranspositions() {
        assertThat(SearchIndex.levenshtein("ratio", "ratio", 2)).isZero();
        assertThat(SearchIndex.levenshtein("ratoi", "ratio", 2)).isEqualTo(1);
        assertThat(SearchIndex.levenshtein("fractons", "fractions", 2)).isEqualTo(1);
        assertThat(SearchIndex.levenshtein("abc", "xyzabc", 2)).isEqualTo(3);
    }
}
