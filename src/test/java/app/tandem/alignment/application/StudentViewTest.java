package app.tandem.alignment.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.alignment.CourseMapFixture;
import app.tandem.alignment.application.LearnModel.Resource;
import app.tandem.alignment.application.LearnModel.Standard;
import app.tandem.alignment.application.LearnModel.Unit;
import app.tandem.alignment.application.LearnModel.View;
import app.tandem.alignment.domain.StudentViewStore;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.PlaceableContent;
import app.tandem.lti.api.Sections;
import app.tandem.standards.TestDatabase;
import app.tandem.standards.application.FrameworkImport;
import app.tandem.standards.application.ImportRunner;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import app.tandem.standards.domain.StandardsStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The student view, placed-link pages, deep-linking options and "I can…" statements over a real (H2) schema with the
 * real CCSS Math package: what students see, what they never see, who may read and write what.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudentViewTest {
    final TestDatabase db = new TestDatabase();
    final CourseMapFixture map = new CourseMapFixture(db.dataSource);
    final FakeSections sections = new FakeSections();
    final StudentView view = new StudentView();
    final StudentStatements statements = new StudentStatements();
    final AlignedContent content = new AlignedContent();
    final String otherDistrict = UUID.randomUUID().toString();
    String framework;
    StandardsCatalog.Outline outline;

    String section;
    String otherSection;
    String unit1;
    String unit2;
    String video;
    String reading;
    String draft;
    String note;
    String foreign;

    @BeforeAll
    void importCcssMath() throws Exception {
        Path file = TestDatabase.data("opensalt_ccss-math_cfpackage-2016-draft.json");
        try (Connection c = db.transaction()) {
            framework = ImportRunner.run(c, file, new FrameworkImport.Target(db.districtId, null, null, file.getFileName().toString(),
                    "case-json", null), null, null).outcome().frameworkId();
            c.commit();
        }
        StandardsStore standards = new StandardsStore(db.dataSource);
        standards.enable(db.districtId, framework, null, null, null);
        StandardsCatalog catalog = new StandardsCatalog(standards);
        outline = catalog.outline(db.districtId, framework);
        db.addDistrict(otherDistrict, "Elsewhere");
        StudentViewStore store = new StudentViewStore(db.dataSource);
        SectionAccess access = new SectionAccess(sections, null);
        view.store = store;
        view.catalog = catalog;
        view.access = access;
        statements.store = store;
        statements.catalog = catalog;
        statements.access = access;
        statements.view = view;
        statements.audit = new app.tandem.common.JdbcAuditTrail(db.dataSource);
        content.studentView = view;
    }

    StandardRef std(String shortCode) {
        return outline.items().stream().filter(s -> ("CCSS.Math.Content." + shortCode).equals(s.code())).findFirst().orElseThrow();
    }

    void align(String item, String sectionId, String shortCode, String type) {
        StandardRef s = std(shortCode);
        map.align(item, sectionId, s.id(), framework, s.code(), type);
    }

    @BeforeEach
    void courseMap() {
        map.exec("DELETE FROM al_student_statement");
        section = map.section(db.districtId, "Math 7 — Period 1");
        otherSection = map.section(db.districtId, "Math 7 — Period 4");
        sections.add(section, db.districtId, "Math 7 — Period 1");
        sections.add(otherSection, db.districtId, "Math 7 — Period 4");
        unit1 = map.unit(section, db.districtId, "Unit 1: Ratios", "Rates and ratios.");
        unit2 = map.unit(section, db.districtId, "Unit 2: Expressions", null);
        video = map.resource(unit1, section, "Unit rates (video)", "https://videos.example/unit-rates");
        reading = map.item(unit2, section, "RESOURCE", "Equivalent expressions", "javascript:alert(1)", "reading", "Read pages 4–6.", true);
        draft = map.item(unit1, section, "RESOURCE", "Quiz draft", "https://quiz.example/1", "assessment", null, false);
        note = map.item(unit1, section, "NOTE", "Teacher note: Jamal needs extra time", null, null, "private", true);
        align(video, section, "7.RP.A.1", "TEACHES");
        align(video, section, "7.RP.A.1", "ASSESSES");
        align(video, section, "7.RP.A.2", "PRACTISES");
        align(draft, section, "7.RP.A.3", "ASSESSES");
        align(note, section, "7.RP.A.1", "TEACHES");
        align(note, section, "7.EE.A.1", "TEACHES");
        align(reading, section, "7.EE.A.2", "TEACHES");
        String otherUnit = map.unit(otherSection, db.districtId, "Elsewhere unit", null);
        foreign = map.resource(otherUnit, otherSection, "Other period's game", "https://game.example");
        align(foreign, otherSection, "7.NS.A.1", "TEACHES");
    }

    @Test
    void studentsSeeTheirSectionsStandardsByUnitWithOnlyStudentVisibleResources() {
        View v = view.ofLaunch(student(section));

        assertThat(v.units()).extracting(Unit::title).containsExactly("Unit 1: Ratios", "Unit 2: Expressions");
        assertThat(v.units().get(0).standards()).extracting(Standard::shortCode).containsExactly("7.RP.A.1", "7.RP.A.2");
        assertThat(v.units().get(0).standards().get(0).resources()).extracting(Resource::title).containsExactly("Unit rates (video)");
        assertThat(v.units().get(1).standards()).extracting(Standard::shortCode).containsExactly("7.EE.A.2");
        Resource reading = v.units().get(1).standards().get(0).resources().get(0);
        assertThat(reading.safeUrl()).as("javascript: is never linked").isNull();
        String all = v.toString();
        assertThat(all).doesNotContain("Quiz draft", "Teacher note", "Jamal", "7.RP.A.3", "7.EE.A.1", "Other period", "7.NS.A.1");
        assertThat(v.notices()).singleElement().satisfies(n -> assertThat(n.text()).contains("National Governors Association"));
    }

    @Test
    void statementsFallFromSectionToDistrictToOfficial() {
        map.statement(db.districtId, section, std("7.RP.A.1").id(), "I can find a unit rate.");
        map.statement(db.districtId, "*", std("7.RP.A.1").id(), "District: unit rates.");
        map.statement(db.districtId, "*", std("7.RP.A.2").id(), "I can tell when two quantities are proportional.");
        map.statement(db.districtId, otherSection, std("7.EE.A.2").id(), "Another section's statement");
        map.statement(otherDistrict, "*", std("7.EE.A.2").id(), "Another district's statement");

        List<Standard> shown = view.ofLaunch(student(section)).units().stream().flatMap(u -> u.standards().stream()).toList();

        assertThat(shown).extracting(s -> s.statement().text()).containsExactly("I can find a unit rate.",
                "I can tell when two quantities are proportional.", std("7.EE.A.2").statement());
        assertThat(shown).extracting(s -> s.statement().source()).containsExactly(StatementChoice.Source.SECTION,
                StatementChoice.Source.DISTRICT, StatementChoice.Source.OFFICIAL);
    }

    @Test
    void anEmptyCourseMapGivesAnEmptyView() {
        String empty = map.section(db.districtId, "New course");
        sections.add(empty, db.districtId, "New course");
        assertThat(view.ofLaunch(student(empty)).empty()).isTrue();
        assertThat(content.options(teacher(empty))).isEmpty();
    }

    @Test
    void onlyTheSectionsPeopleAndTheDistrictsCoordinatorsReadIt() {
        assertThat(view.view(teacher(section), section).units()).hasSize(2);
        assertThat(view.preview(coordinator(db.districtId), section).units()).hasSize(2);
        assertThatThrownBy(() -> view.view(student(otherSection), section)).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).status()).isEqualTo(403);
        assertThatThrownBy(() -> view.preview(student(section), section)).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).status()).isEqualTo(403);
        LaunchContext elsewhere = launch("p", null, otherDistrict, AppRole.COORDINATOR);
        assertThatThrownBy(() -> view.view(elsewhere, section)).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).status()).isEqualTo(404);
    }

    @Test
    void aPlacedResourceOpensWithItsStandardsButNeverANoteADraftOrAnotherSectionsItem() {
        LearnModel.ResourcePage page = view.resource(student(section), video);
        assertThat(page.resource().safeUrl()).isEqualTo("https://videos.example/unit-rates");
        assertThat(page.unitTitle()).isEqualTo("Unit 1: Ratios");
        assertThat(page.standards()).extracting(Standard::shortCode).containsExactly("7.RP.A.1", "7.RP.A.2");
        assertThat(page.notices()).hasSize(1);

        for (String hidden : new String[] {draft, note, foreign, "nope", "x".repeat(500)}) {
            assertThatThrownBy(() -> view.resource(student(section), hidden)).isInstanceOf(InvalidRequestException.class)
                    .extracting(e -> ((InvalidRequestException) e).status()).isEqualTo(404);
        }
        assertThat(view.resource(teacher(section), draft).resource().studentVisible()).as("teachers open their drafts").isFalse();
        assertThatThrownBy(() -> view.resource(teacher(section), note)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> view.resource(teacher(section), foreign)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aUnitPageShowsThatUnitsStandardsOnly() {
        LearnModel.UnitPage page = view.unit(student(section), unit1);
        assertThat(page.unit().title()).isEqualTo("Unit 1: Ratios");
        assertThat(page.unit().standards()).extracting(Standard::shortCode).containsExactly("7.RP.A.1", "7.RP.A.2");
        String hiddenOnly = map.unit(section, db.districtId, "Unit 3: Drafts", null);
        align(map.item(hiddenOnly, section, "RESOURCE", "Later", null, null, null, false), section, "7.G.A.1", "TEACHES");
        assertThat(view.unit(student(section), hiddenOnly).unit().standards()).isEmpty();
        String foreignUnit = map.unit(otherSection, db.districtId, "Theirs", null);
        assertThatThrownBy(() -> view.unit(student(section), foreignUnit)).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).status()).isEqualTo(404);
    }

    @Test
    void deepLinkingOffersTheStudentViewEachUnitAndEachAlignedVisibleResourceGroupedByUnit() {
        List<PlaceableContent.Option> options = content.options(teacher(section));

        assertThat(options).extracting(o -> o.custom().get(PlaceableContent.TARGET)).containsExactly("student-view", "unit:" + unit1,
                "resource:" + video, "unit:" + unit2, "resource:" + reading);
        assertThat(options).extracting(PlaceableContent.Option::group).containsExactly(null, "Unit 1: Ratios", "Unit 1: Ratios",
                "Unit 2: Expressions", "Unit 2: Expressions");
        assertThat(options.get(2).text()).contains("7.RP.A.1", "7.RP.A.2").startsWith("Video");
        assertThat(options.toString()).doesNotContain(draft, note, foreign);
        assertThat(content.options(launch("p", null, db.districtId, AppRole.COORDINATOR))).as("no section, nothing to place").isEmpty();
        assertThat(content.options(launch("t", otherSection, otherDistrict, AppRole.TEACHER)))
                .as("another district's teacher").isEmpty();
    }

    @Test
    void teachersWriteSectionStatementsForAlignedStandardsWithinLimits() {
        String rp1 = std("7.RP.A.1").id();
        String rp3 = std("7.RP.A.3").id();
        StudentStatements.SectionForm form = statements.sectionForm(teacher(section), section);
        assertThat(form.mayEdit()).isTrue();
        assertThat(form.rows()).extracting(StudentStatements.Row::shortCode).contains("7.RP.A.1", "7.RP.A.3", "7.EE.A.1")
                .doesNotContain("7.NS.A.1");

        assertThat(statements.saveSection(teacher(section), section, Map.of(rp1, "  I can find\n a unit rate. ", rp3, ""))).isEqualTo(1);
        assertThat(statements.saveSection(teacher(section), section, Map.of(rp1, "I can find a unit rate."))).as("unchanged").isZero();
        assertThat(view.ofLaunch(student(section)).units().get(0).standards().get(0).statement().text()).isEqualTo("I can find a unit rate.");

        assertThatThrownBy(() -> statements.saveSection(teacher(section), section, Map.of(rp1, "x".repeat(1001), rp3, "ok")))
                .isInstanceOf(StudentStatements.Rejected.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).fields()).containsOnlyKeys(rp1));
        assertThat(statements.sectionForm(teacher(section), section).rows().stream().filter(r -> r.standardId().equals(rp3)).findFirst()
                .orElseThrow().section()).as("nothing saved from a refused form").isNull();
        assertThatThrownBy(() -> statements.saveSection(teacher(section), section, Map.of(std("7.NS.A.1").id(), "I can")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not aligned");
        assertThatThrownBy(() -> statements.saveSection(student(section), section, Map.of(rp1, "mine")))
                .isInstanceOf(InvalidRequestException.class).extracting(e -> ((InvalidRequestException) e).status()).isEqualTo(403);

        assertThat(statements.saveSection(teacher(section), section, Map.of(rp1, " "))).isEqualTo(1);
        assertThat(view.ofLaunch(student(section)).units().get(0).standards().get(0).statement().source())
                .isEqualTo(StatementChoice.Source.OFFICIAL);
    }

    @Test
    void coordinatorsWriteDistrictStatementsAPageAtATime() {
        LaunchContext coordinator = coordinator(db.districtId);
        StudentStatements.DistrictForm first = statements.districtForm(coordinator, null, null, null);
        assertThat(first.framework().id()).isEqualTo(framework);
        assertThat(first.rows()).hasSize(StudentStatements.PAGE_SIZE);
        assertThat(first.pages()).isGreaterThan(1);
        assertThat(first.notices()).singleElement().satisfies(n -> assertThat(n.text()).contains("National Governors Association"));

        StudentStatements.DistrictForm filtered = statements.districtForm(coordinator, framework, "7.RP.A", 1);
        assertThat(filtered.rows()).extracting(StudentStatements.Row::shortCode).contains("7.RP.A.1", "7.RP.A.2", "7.RP.A.3");
        assertThat(statements.saveDistrict(coordinator, framework, Map.of(std("7.RP.A.2").id(), "I can tell when two quantities are proportional.")))
                .isEqualTo(1);
        assertThat(view.ofLaunch(student(section)).units().get(0).standards().get(1).statement().text())
                .isEqualTo("I can tell when two quantities are proportional.");

        assertThat(statements.districtForm(coordinator, framework, "", 999).page()).isEqualTo(first.pages());
        assertThatThrownBy(() -> statements.districtForm(teacher(section), null, null, null)).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).status()).isEqualTo(403);
        assertThatThrownBy(() -> statements.saveDistrict(coordinator, "nope", Map.of())).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).status()).isEqualTo(404);
        assertThatThrownBy(() -> statements.saveDistrict(coordinator, framework, Map.of("not-a-standard", "x")))
                .isInstanceOf(InvalidRequestException.class).extracting(e -> ((InvalidRequestException) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> statements.saveDistrict(launch("c", null, otherDistrict, AppRole.COORDINATOR), framework, Map.of()))
                .isInstanceOf(InvalidRequestException.class).extracting(e -> ((InvalidRequestException) e).status()).isEqualTo(404);
    }

    // ---- launches and sections ---------------------------------------------------------------------------

    LaunchContext student(String sectionId) {
        return launch("s-" + sectionId.substring(0, 8), sectionId, db.districtId, AppRole.STUDENT);
    }

    LaunchContext teacher(String sectionId) {
        return launch("t-" + sectionId.substring(0, 8), sectionId, db.districtId, AppRole.TEACHER);
    }

    LaunchContext coordinator(String districtId) {
        return launch("coordinator", null, districtId, AppRole.COORDINATOR);
    }

    static LaunchContext launch(String person, String sectionId, String districtId, AppRole role) {
        return new LaunchContext("token", person, person, sectionId, sectionId == null ? null : "Section", districtId, "reg", "dep", role,
                Set.of(role), "LtiResourceLinkRequest", null, List.of(), OffsetDateTime.now().plusHours(1), Map.of(), null);
    }

    /** Sections as lti knows them: district and title; memberships come from the launches here. */
    static final class FakeSections implements Sections {
        final Map<String, Section> byId = new HashMap<>();

        void add(String id, String districtId, String title) {
            byId.put(id, new Section(id, districtId, "reg", "Test LMS", "ctx-" + id, title, null));
        }

        @Override
        public Optional<Section> section(String sectionId) {
            return Optional.ofNullable(byId.get(sectionId));
        }

        @Override
        public List<Section> taughtBy(String personId) {
            return List.of();
        }

        @Override
        public boolean hasRole(String personId, String sectionId, AppRole role) {
            return false;
        }

        @Override
        public List<Section> inDistrict(String districtId) {
            return new ArrayList<>(byId.values().stream().filter(s -> s.districtId().equals(districtId)).toList());
        }

        @Override
        public List<Person> members(String sectionId, AppRole role) {
            return List.of();
        }
    }
}
