package app.tandem.standards.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.standards.TestDatabase;
import app.tandem.standards.domain.ImportReport;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CASE JSON import of the real files in shared/data/standards, on H2 with the real schema. */
class CaseImportTest {
    final TestDatabase db = database();

    /** H2 here; {@code ...OnPostgresTest} runs the same tests on PostgreSQL (COPY). */
    TestDatabase database() {
        return new TestDatabase();
    }

    @TempDir
    Path tmp;

    ImportRunner.Result run(Path file) throws Exception {
        try (Connection c = db.transaction()) {
            return ImportRunner.run(c, file, new FrameworkImport.Target(db.districtId, null, null, file.getFileName().toString(), "case-json", null), null, null);
        }
    }

    static String codes(ImportReport r) {
        return r.all().stream().map(i -> i.severity() + ":" + i.code() + "x" + i.count()).collect(Collectors.joining(", "));
    }

    @Test
    void importsTheSchemaValidSmartLevelPackageWithoutWarnings() throws Exception {
        ImportRunner.Result r = run(TestDatabase.data("opensalt_smartlevel-test_case1p0.json"));
        assertThat(r.outcome().committed()).as(codes(r.report())).isTrue();
        assertThat(r.report().warningCount()).as(codes(r.report())).isZero();
        assertThat(r.outcome().items()).isEqualTo(14);
        assertThat(r.outcome().associations()).isEqualTo(14);
        assertThat(db.count("SELECT COUNT(*) FROM std_item")).isEqualTo(14);
        assertThat(db.count("SELECT COUNT(*) FROM std_association WHERE association_type = 'isChildOf'")).isEqualTo(14);
        assertThat(db.string("SELECT title FROM std_framework")).isEqualTo("SmartLevel Test");
        assertThat(db.count("SELECT current_version FROM std_framework")).isEqualTo(1);
    }

    @Test
    void importsCrosswalkFixtureWithLenientWarnings() throws Exception {
        ImportRunner.Result r = run(TestDatabase.data("opensalt_what-standards-could-be_case1p0.json"));
        assertThat(r.outcome().committed()).as(codes(r.report())).isTrue();
        assertThat(r.outcome().items()).isEqualTo(16);
        assertThat(r.outcome().associations()).isEqualTo(39);
        assertThat(codes(r.report())).contains("WARNING:educational_levelx16", "WARNING:string_sequence_numberx2", "WARNING:string_link_uri");
        assertThat(db.count("SELECT COUNT(*) FROM std_association WHERE association_type = 'exactMatchOf'")).isEqualTo(16);
        assertThat(db.count("SELECT sequence_number FROM std_association WHERE association_type = 'isChildOf' AND dest_identifier = '20c5134f-423d-4097-a971-3dd5152bf507' AND origin_identifier = 'ddcf67a6-abf2-4df1-8d95-8752d65f0ec2'")).isEqualTo(2);
        assertThat(db.string("SELECT education_levels FROM std_item WHERE human_coding_scheme = 'CCSS.Math.Content.7.RP.A.2'")).isEqualTo("07");
        // a CCSS-derived framework without licence text gets the CCSS notice
        assertThat(db.string("SELECT licence_text FROM std_framework")).isNull();
    }

    @Test
    void importsThe2016DraftCcssPackageWithNonUuidIdentifiers() throws Exception {
        ImportRunner.Result r = run(TestDatabase.data("opensalt_ccss-math_cfpackage-2016-draft.json"));
        assertThat(r.outcome().committed()).as(codes(r.report())).isTrue();
        assertThat(r.outcome().items()).isEqualTo(703);
        assertThat(r.outcome().associations()).isEqualTo(703);
        assertThat(codes(r.report())).contains("WARNING:educational_levelx703", "WARNING:non_uuid_identifier", "WARNING:null_link_urix703",
                "WARNING:string_for_array");
        assertThat(r.report().errorCount()).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM std_item WHERE item_type = 'Standard'")).isEqualTo(393);
        assertThat(db.string("SELECT licence_text FROM std_framework")).contains("National Governors Association");
    }

    @Test
    void reImportRecordsANewVersionKeepsHistoryAndRetiresVanishedItems() throws Exception {
        Path original = TestDatabase.data("opensalt_what-standards-could-be_case1p0.json");
        assertThat(run(original).outcome().committed()).isTrue();
        String json = Files.readString(original, StandardCharsets.UTF_8)
                .replace("Compute unit rates associated with ratios of fractions", "Compute unit rates of ratios of fractions")
                // drop one leaf item (7.RP.A.3 has identifier 693cfbbf-...): its CFItem keeps its associations dangling, so remove the item only
                ;
        Path changed = tmp.resolve("changed.json");
        Files.writeString(changed, json);
        ImportRunner.Result second = run(changed);
        assertThat(second.outcome().committed()).as(codes(second.report())).isTrue();
        assertThat(second.outcome().versionNo()).isEqualTo(2);
        assertThat(second.outcome().updated()).isEqualTo(1);
        assertThat(second.outcome().unchanged()).isEqualTo(15);
        assertThat(db.count("SELECT COUNT(*) FROM std_framework")).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM std_framework_version")).isEqualTo(2);
        assertThat(db.string("SELECT full_statement FROM std_item_history WHERE version_no = 2")).startsWith("Compute unit rates associated");
        assertThat(db.string("SELECT full_statement FROM std_item WHERE human_coding_scheme = 'CCSS.Math.Content.7.RP.A.1'")).startsWith("Compute unit rates of ratios");
    }

    @Test
    void vanishedItemsAreRetiredNotDeleted() throws Exception {
        Path v1 = tmp.resolve("v1.json");
        Files.writeString(v1, Fixtures.tree("d1", 3, false));
        assertThat(run(v1).outcome().committed()).isTrue();
        Path v2 = tmp.resolve("v2.json");
        Files.writeString(v2, Fixtures.tree("d1", 2, false));
        ImportRunner.Result r = run(v2);
        assertThat(r.outcome().committed()).as(codes(r.report())).isTrue();
        assertThat(r.outcome().retired()).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM std_item")).isEqualTo(3);
        assertThat(db.count("SELECT COUNT(*) FROM std_item WHERE retired = TRUE AND retired_in_version = 2")).isEqualTo(1);
        // and it comes back when a later version has it again
        Path v3 = tmp.resolve("v3.json");
        Files.writeString(v3, Fixtures.tree("d1", 3, false));
        ImportRunner.Result back = run(v3);
        assertThat(back.outcome().updated()).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM std_item WHERE retired = TRUE")).isZero();
    }

    @Test
    void aCycleIsReportedWithItsIdentifiersAndNothingIsWritten() throws Exception {
        Path f = tmp.resolve("cycle.json");
        Files.writeString(f, Fixtures.tree("d2", 3, true));
        ImportRunner.Result r = run(f);
        assertThat(r.outcome().committed()).isFalse();
        assertThat(r.report().errors()).anySatisfy(i -> {
            assertThat(i.code()).isEqualTo("cycle");
            assertThat(String.join(" ", i.where())).contains(Fixtures.item(1), Fixtures.item(2));
        });
        assertThat(db.count("SELECT COUNT(*) FROM std_framework")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM std_item")).isZero();
    }

    @Test
    void duplicateIdentifiersDanglingEndsAndMissingFieldsAreNamed() throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, """
                {"CFDocument": {"identifier": "10000000-0000-0000-0000-000000000000", "title": "Bad", "creator": "t"},
                 "CFItems": [
                   {"identifier": "10000000-0000-0000-0000-000000000001", "fullStatement": "One"},
                   {"identifier": "10000000-0000-0000-0000-000000000001", "fullStatement": "One again"},
                   {"identifier": "10000000-0000-0000-0000-000000000002"},
                   {"fullStatement": "no id"}
                 ],
                 "CFAssociations": [
                   {"identifier": "20000000-0000-0000-0000-000000000001", "associationType": "isChildOf",
                    "originNodeURI": {"identifier": "10000000-0000-0000-0000-000000000001", "uri": "u", "title": "t"},
                    "destinationNodeURI": {"identifier": "10000000-0000-0000-0000-00000000ffff", "uri": "u", "title": "t"}}
                 ]}""");
        ImportRunner.Result r = run(f);
        assertThat(r.outcome().committed()).isFalse();
        String all = r.report().errors().stream().map(i -> i.code() + ":" + String.join(";", i.where())).collect(Collectors.joining("\n"));
        assertThat(all).contains("duplicate_identifier:10000000-0000-0000-0000-000000000001")
                .contains("missing_field:10000000-0000-0000-0000-000000000002 (fullStatement)")
                .contains("CFItems[3]")
                .contains("dangling_association:20000000-0000-0000-0000-000000000001 (destination 10000000-0000-0000-0000-00000000ffff)");
        assertThat(db.count("SELECT COUNT(*) FROM std_item")).isZero();
    }

    @Test
    void malformedJsonIsAReportNotAnException() throws Exception {
        Path f = tmp.resolve("broken.json");
        Files.writeString(f, "{\"CFDocument\": {\"identifier\": \"x\", \"title\": \"t\"}, \"CFItems\": [ {\"identifier\": ");
        ImportRunner.Result r = run(f);
        assertThat(r.outcome().committed()).isFalse();
        assertThat(r.report().errors()).anySatisfy(i -> assertThat(i.code()).isEqualTo("malformed_json"));
        assertThat(db.count("SELECT COUNT(*) FROM std_framework")).isZero();
    }

    @Test
    void documentAfterItemsIsReadFirst() throws Exception {
        Path f = tmp.resolve("late-doc.json");
        Files.writeString(f, """
                {"CFItems": [{"identifier": "30000000-0000-0000-0000-000000000001", "fullStatement": "Late"}],
                 "CFAssociations": [],
                 "CFDocument": {"identifier": "30000000-0000-0000-0000-000000000000", "title": "Late document", "creator": "t"}}""");
        ImportRunner.Result r = run(f);
        assertThat(r.outcome().committed()).as(codes(r.report())).isTrue();
        assertThat(db.string("SELECT title FROM std_framework")).isEqualTo("Late document");
    }

    @Test
    void aLateErrorRollsBackEverythingAlreadyWritten() throws Exception {
        // 4,000 items are streamed to the database (several COPY buffers on PostgreSQL) before the duplicate at the
        // end of CFItems is found: the whole file is rolled back
        Path f = tmp.resolve("late-duplicate.json");
        String duplicate = "{\"identifier\":\"" + Fixtures.item(1) + "\",\"fullStatement\":\"again\"}";
        Files.writeString(f, Fixtures.tree("d3", 4000, false).replace("}],\"CFAssociations\"", "}," + duplicate + "],\"CFAssociations\""));
        ImportRunner.Result r = run(f);
        assertThat(r.outcome().committed()).isFalse();
        assertThat(r.report().errors()).anySatisfy(i -> assertThat(i.code()).isEqualTo("duplicate_identifier"));
        assertThat(db.count("SELECT COUNT(*) FROM std_item")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM std_association")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM std_framework")).isZero();
        // and the next import on the same database works
        Path ok = tmp.resolve("ok.json");
        Files.writeString(ok, Fixtures.tree("d3", 4000, false));
        assertThat(run(ok).outcome().committed()).isTrue();
        assertThat(db.count("SELECT COUNT(*) FROM std_item")).isEqualTo(4000);
    }

    @Test
    void everyCharacterSurvivesTheBulkWrite() throws Exception {
        String tricky = "tab\there, newline\nand \\N, a backslash \\ and CR\r; ünïcödé ≤ 😀 \u2028 end";
        String json = Json.createObjectBuilder()
                .add("CFDocument", Json.createObjectBuilder().add("identifier", "40000000-0000-0000-0000-000000000000").add("title", "Chars").add("creator", "t"))
                .add("CFItems", Json.createArrayBuilder().add(Json.createObjectBuilder().add("identifier", "40000000-0000-0000-0000-000000000001")
                        .add("fullStatement", tricky).add("notes", "\\N").add("humanCodingScheme", "C.1")))
                .add("CFAssociations", Json.createArrayBuilder()).build().toString();
        Path f = tmp.resolve("chars.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        ImportRunner.Result r = run(f);
        assertThat(r.outcome().committed()).as(codes(r.report())).isTrue();
        assertThat(db.string("SELECT full_statement FROM std_item WHERE human_coding_scheme = 'C.1'")).isEqualTo(tricky);
        assertThat(db.string("SELECT notes FROM std_item WHERE human_coding_scheme = 'C.1'")).isEqualTo("\\N");
        assertThat(db.string("SELECT abbreviated_statement FROM std_item WHERE human_coding_scheme = 'C.1'")).isNull();
    }
}
