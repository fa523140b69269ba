package app.tandem.standards.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.standards.TestDatabase;
import app.tandem.standards.domain.ImportReport;
import app.tandem.standards.domain.StandardsStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV dialects on the real files, errors naming row and column, and export round trips (CASE, Canvas, Moodle). */
class CsvAndExportTest {
    final TestDatabase db = database();

    /** H2 here; {@code ...OnPostgresTest} runs the same tests on PostgreSQL (COPY). */
    TestDatabase database() {
        return new TestDatabase();
    }
    final StandardsStore store = new StandardsStore(db.dataSource);

    @TempDir
    Path tmp;

    ImportRunner.Result run(Path file, String district) throws Exception {
        try (Connection c = db.transaction()) {
            return ImportRunner.run(c, file, new FrameworkImport.Target(district, null, null, file.getFileName().toString(), null, null), null, null);
        }
    }

    ImportRunner.Result run(Path file) throws Exception {
        return run(file, db.districtId);
    }

    static String issues(ImportReport r) {
        return r.all().stream().map(i -> i.severity() + ":" + i.code() + "x" + i.count() + " " + i.where()).collect(Collectors.joining("\n"));
    }

    @Test
    void openSaltCaseColumnsWithSmartLevelHierarchy() throws Exception {
        ImportRunner.Result r = run(TestDatabase.data("opensalt_ccss-ela_case-columns.csv"));
        assertThat(r.outcome().committed()).as(issues(r.report())).isTrue();
        assertThat(r.format()).isEqualTo("csv-opensalt");
        assertThat(r.outcome().items()).isEqualTo(1189);
        assertThat(db.count("SELECT COUNT(*) FROM std_item WHERE item_type = 'Standard'")).isEqualTo(488);
        assertThat(db.string("SELECT education_levels FROM std_item WHERE human_coding_scheme = 'L.1.4'")).isEqualTo("01");
        // L.1.4 (smartLevel 3.6.2.1) is a child of the item at smartLevel 3.6.2
        String parent = db.string("SELECT a.dest_identifier FROM std_association a JOIN std_item i ON i.identifier = a.origin_identifier "
                + "WHERE i.human_coding_scheme = 'L.1.4' AND a.association_type = 'isChildOf'");
        assertThat(parent).isNotNull().doesNotStartWith("csv:");
    }

    @Test
    void openSaltGenericImportResolvesParentsByCode() throws Exception {
        ImportRunner.Result r = run(TestDatabase.data("opensalt_sample_case-import.csv"));
        assertThat(r.outcome().committed()).as(issues(r.report())).isTrue();
        assertThat(r.outcome().items()).isEqualTo(10);
        assertThat(db.string("SELECT dest_identifier FROM std_association WHERE origin_identifier = 'Math.Fractions' AND association_type = 'isChildOf'"))
                .isEqualTo("Math");
        assertThat(db.count("SELECT COUNT(*) FROM std_association WHERE association_type = 'isRelatedTo'")).isEqualTo(3);
        assertThat(db.count("SELECT COUNT(*) FROM std_association WHERE association_type = 'exemplar'")).isEqualTo(1);
    }

    @Test
    void unsupportedCsvAndAsnTreesAreRefusedWithAReason() throws Exception {
        ImportRunner.Result ngss = run(TestDatabase.data("ngss_performance-expectations_codeorg.csv"));
        assertThat(ngss.outcome().committed()).isFalse();
        assertThat(issues(ngss.report())).contains("unknown_csv");
        ImportRunner.Result asn = run(TestDatabase.data("ccss-math_asn-tree_D10003FB.json"));
        assertThat(asn.outcome().committed()).isFalse();
        assertThat(issues(asn.report())).contains("not_a_package");
        assertThat(db.count("SELECT COUNT(*) FROM std_framework")).isZero();
    }

    @Test
    void canvasDialectWithRowAndColumnErrors() throws Exception {
        Path ok = tmp.resolve("outcomes.csv");
        Files.writeString(ok, """
                vendor_guid,object_type,title,description,display_name,calculation_method,calculation_int,workflow_state,parent_guids,ratings,,,,,,,
                a,group,Parent group,parent group description,G-1,,,active,,,,,,,,,
                b,group,Child group,child group description,G-1.1,,,active,a,,,,,,,,
                c,outcome,LS-100,<p>Learning <b>standard</b> description</p>,Learning Standard,decaying_average,40,active,a b,3,Excellent,2,Better,1,Good,,
                d,outcome,Gone,deleted outcome,,,,deleted,a,,,,,,,,
                """);
        ImportRunner.Result r = run(ok);
        assertThat(r.outcome().committed()).as(issues(r.report())).isTrue();
        assertThat(r.format()).isEqualTo("csv-canvas");
        assertThat(r.outcome().items()).isEqualTo(3);
        assertThat(db.string("SELECT full_statement FROM std_item WHERE identifier = 'c'")).isEqualTo("Learning standard description");
        assertThat(db.string("SELECT human_coding_scheme FROM std_item WHERE identifier = 'c'")).isEqualTo("LS-100");
        assertThat(db.count("SELECT COUNT(*) FROM std_association WHERE origin_identifier = 'c' AND association_type = 'isChildOf'")).isEqualTo(2);
        assertThat(issues(r.report())).contains("deleted_row");

        Path bad = tmp.resolve("bad-outcomes.csv");
        Files.writeString(bad, """
                vendor_guid,object_type,title,description,parent_guids
                a,group,Parent,,
                b,thing,Child,,a
                c,outcome,,no title,a
                d,outcome,D,d,zzz
                a,outcome,Again,,
                """);
        ImportRunner.Result refused = run(bad);
        assertThat(refused.outcome().committed()).isFalse();
        String all = issues(refused.report());
        assertThat(all).contains("row 3, column object_type").contains("row 4, column title").contains("row 5, column parent_guids")
                .contains("row 6, column vendor_guid (same as row 2)");
    }

    @Test
    void moodleDialectFromTheFrameworkRow() throws Exception {
        Path f = tmp.resolve("moodle.csv");
        Files.writeString(f, """
                "Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy
                ,OECD-CORE,OECD,"<p>Core competencies</p>",1,"Not yet competent,Competent",,,,,,,1,"domain,competency"
                ,delivery,Delivery-related,"<p>Achieving Results<br></p>",1,,,,0,null,,8,,
                delivery,analytical-thinking,"Analytical Thinking","<p>The ability to identify patterns.</p>",1,,,,0,null,delivery,11,,
                """);
        ImportRunner.Result r = run(f);
        assertThat(r.outcome().committed()).as(issues(r.report())).isTrue();
        assertThat(r.format()).isEqualTo("csv-moodle");
        assertThat(db.string("SELECT identifier FROM std_framework")).isEqualTo("OECD-CORE");
        assertThat(db.string("SELECT item_type FROM std_item WHERE identifier = 'analytical-thinking'")).isEqualTo("Competency");
        assertThat(db.string("SELECT item_type FROM std_item WHERE identifier = 'delivery'")).isEqualTo("Domain");
        assertThat(db.count("SELECT COUNT(*) FROM std_association WHERE association_type = 'isRelatedTo'")).isEqualTo(1);
    }

    @Test
    void exportsRoundTrip() throws Exception {
        ImportRunner.Result first = run(TestDatabase.data("opensalt_what-standards-could-be_case1p0.json"));
        String fw = first.outcome().frameworkId();
        StandardsStore.Framework f = store.framework(db.districtId, fw).orElseThrow();
        Exporter exporter = new Exporter(store);

        // CASE 1.1: same framework again → version 2, nothing changed
        Path caseFile = tmp.resolve("export.json");
        Files.write(caseFile, export(exporter, f, Exporter.Format.CASE));
        ImportRunner.Result again = run(caseFile);
        assertThat(again.outcome().committed()).as(issues(again.report())).isTrue();
        assertThat(again.outcome().versionNo()).isEqualTo(2);
        assertThat(again.outcome().unchanged()).isEqualTo(16);
        assertThat(again.outcome().associations()).isEqualTo(39);
        assertThat(again.outcome().added() + again.outcome().updated() + again.outcome().retired()).isZero();
        assertThat(again.report().warningCount()).as(issues(again.report())).isZero();

        // into another district: a separate copy
        String other = UUID.randomUUID().toString();
        db.addDistrict(other, "Other");
        ImportRunner.Result copy = run(caseFile, other);
        assertThat(copy.outcome().committed()).isTrue();
        assertThat(copy.outcome().frameworkId()).isNotEqualTo(fw);
        assertThat(copy.outcome().versionNo()).isEqualTo(1);

        // Canvas and Moodle: the LMS formats import back with every item
        Path canvas = tmp.resolve("canvas.csv");
        Files.write(canvas, export(exporter, f, Exporter.Format.CANVAS));
        ImportRunner.Result c = run(canvas);
        assertThat(c.outcome().committed()).as(issues(c.report())).isTrue();
        assertThat(c.format()).isEqualTo("csv-canvas");
        assertThat(c.outcome().items()).isEqualTo(16);
        Path moodle = tmp.resolve("moodle.csv");
        Files.write(moodle, export(exporter, f, Exporter.Format.MOODLE));
        ImportRunner.Result m = run(moodle);
        assertThat(m.outcome().committed()).as(issues(m.report())).isTrue();
        assertThat(m.format()).isEqualTo("csv-moodle");
        assertThat(m.outcome().items()).isEqualTo(16);
        String moodleText = Files.readString(moodle, StandardCharsets.UTF_8);
        assertThat(moodleText.lines().findFirst().orElseThrow()).startsWith("Parent id number,Id number,Shortname,Description");
    }

    private static byte[] export(Exporter e, StandardsStore.Framework f, Exporter.Format format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.write(f, format, out);
        return out.toByteArray();
    }
}
