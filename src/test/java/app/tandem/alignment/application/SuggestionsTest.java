package app.tandem.alignment.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.alignment.application.SuggestionIndex.Content;
import app.tandem.alignment.application.SuggestionIndex.Suggestion;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.Sections.Section;
import app.tandem.standards.TestDatabase;
import app.tandem.standards.application.FrameworkImport;
import app.tandem.standards.application.ImportRunner;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import app.tandem.standards.domain.StandardsStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Suggestions over the real CCSS Math package in an in-memory H2: what ranks first for typical content, what is
 * left out (aligned, dismissed, other grades, other districts), and refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuggestionsTest {
    final TestDatabase db = new TestDatabase();
    final StandardsStore store = new StandardsStore(db.dataSource);
    final StandardsCatalog catalog = new StandardsCatalog(store);
    final String otherDistrict = UUID.randomUUID().toString();
    String math;
    String otherFramework;
    SuggestionIndex index;
    /** grades of the section under test, as CourseSettings would give them */
    Set<String> sectionGrades = Set.of();
    Suggestions suggestions;
    Section section;
    Section otherSection;

    @BeforeAll
    void importFrameworks() throws Exception {
        db.addDistrict(otherDistrict, "Other district");
        math = importFile(db.districtId, "opensalt_ccss-math_cfpackage-2016-draft.json");
        otherFramework = importFile(otherDistrict, "opensalt_what-standards-could-be_case1p0.json");
        store.enable(db.districtId, math, null, null, null);
        store.enable(otherDistrict, otherFramework, null, null, null);
        index = SuggestionIndex.build(List.of(new SuggestionIndex.Source(catalog.outline(db.districtId, math),
                catalog.texts(db.districtId, math))), SuggestionIndex.Options.DEFAULT);
        CourseSettings settings = new CourseSettings() {
            @Override
            public Settings of(String districtId, String sectionId) {
                return new Settings(sectionId, sectionGrades, Set.of(), Set.of(), null, 0, SuggestionsTest.this.catalog.enabledFrameworks(districtId));
            }
        };
        suggestions = new Suggestions(db.dataSource, settings, catalog);
        String registration = UUID.randomUUID().toString();
        exec("INSERT INTO platform_registration (id, issuer, client_id, name, auth_endpoint, jwks_url, created_at, updated_at, version) "
                + "VALUES (?, 'https://lms.test', 'c', 'LMS', 'https://lms.test/auth', 'https://lms.test/jwks', ?, ?, 0)",
                registration, OffsetDateTime.now(), OffsetDateTime.now());
        section = section(registration, "period-2");
        otherSection = section(registration, "period-5");
    }

    String importFile(String district, String name) throws Exception {
        Path file = TestDatabase.data(name);
        try (Connection c = db.transaction()) {
            ImportRunner.Result r = ImportRunner.run(c, file, new FrameworkImport.Target(district, null, null, name, "case-json", null), null, null);
            c.commit();
            return r.outcome().frameworkId();
        }
    }

    Section section(String registration, String context) {
        String id = UUID.randomUUID().toString();
        exec("INSERT INTO section (id, registration_id, context_id, district_id, title, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
                id, registration, context, db.districtId, context, OffsetDateTime.now(), OffsetDateTime.now());
        return new Section(id, db.districtId, registration, "LMS", context, context, null);
    }

    String item(Section s, String unitTitle, String title, String description) {
        String unit = UUID.randomUUID().toString();
        String item = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now();
        exec("INSERT INTO al_unit (id, section_id, district_id, title, position, version, created_at, updated_at) VALUES (?,?,?,?,0,0,?,?)",
                unit, s.id(), s.districtId(), unitTitle, now, now);
        exec("INSERT INTO al_item (id, unit_id, section_id, kind, title, description, position, version, created_at, updated_at) "
                + "VALUES (?,?,?,'RESOURCE',?,?,0,0,?,?)", item, unit, s.id(), title, description, now, now);
        return item;
    }

    void exec(String sql, Object... args) {
        try (Connection c = db.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String code(Suggestion s) {
        return s.standard().code() == null ? "" : s.standard().code().replace("CCSS.Math.Content.", "");
    }

    List<Suggestion> rank(String title, String description, Set<String> grades) {
        return index.suggest(new Content(title, description, null, null), Map.of(math, grades), Set.of(), 10);
    }

    @Test
    void aRatioProblemRanksRatioStandardsFirst() {
        List<Suggestion> any = rank("Lemonade recipes", "A recipe uses 3 cups of lemon juice for every 4 cups of water. "
                + "What is the ratio of juice to water? How much juice for 12 cups of water? Find the unit rate.", Set.of());
        assertThat(code(any.get(0))).matches("[67]\\.RP\\..*");
        List<Suggestion> grade6 = rank("Lemonade recipes", "A recipe uses 3 cups of lemon juice for every 4 cups of water. "
                + "What is the ratio of juice to water? Find the unit rate.", Set.of("06"));
        assertThat(grade6).isNotEmpty().allSatisfy(s -> assertThat(s.standard().grades()).contains("06"));
        assertThat(code(grade6.get(0))).startsWith("6.RP.");
        assertThat(grade6.get(0).matchedWords()).contains("ratio");
        int firstUnrelated = grade6.stream().map(SuggestionsTest::code).toList().indexOf(grade6.stream().map(SuggestionsTest::code)
                .filter(c -> !c.contains(".RP.")).findFirst().orElse("none"));
        assertThat(firstUnrelated).isNotZero();
    }

    @Test
    void notationIsReadAsMathematics() {
        List<Suggestion> fractions = rank("Warm-up", "Fill in the blank with <, > or =: 3/8 _ 2/5", Set.of("04"));
        assertThat(code(fractions.get(0))).startsWith("4.NF.A.2");
        assertThat(fractions.get(0).reasons()).anyMatch(r -> r.startsWith("fractions")).anyMatch(r -> r.startsWith("comparing"));
        List<Suggestion> exponents = rank("Exit ticket", "Evaluate 2^5 and 3^4.", Set.of("06"));
        assertThat(code(exponents.get(0))).startsWith("6.EE.A.1");
        List<Suggestion> systems = rank("Systems", "Solve: 2x + 3y = 12 and x - y = 1", Set.of("08"));
        assertThat(code(systems.get(0))).startsWith("8.EE.C.8");
    }

    @Test
    void contentSharingNothingWithTheStandardsGetsNoSuggestions() {
        assertThat(rank("zzz", "qwerty uiop", Set.of())).isEmpty();
        assertThat(rank("", "", Set.of())).isEmpty();
    }

    @Test
    void leavesOutAlignedAndDismissedStandardsAndOtherSectionsItems() {
        sectionGrades = Set.of("07");
        String item = item(section, "Proportional relationships", "Unit rates with fractions",
                "Compute unit rates associated with ratios of fractions, e.g. 1/2 mile each 1/4 hour.");
        Suggestions.Result before = suggestions.suggest(new SectionAccess.Grant(section, SectionAccess.Level.TEACHER), item, 10);
        assertThat(before.suggestions()).hasSizeGreaterThan(2).allSatisfy(s -> assertThat(s.standard().grades()).contains("07"));
        StandardRef first = before.suggestions().get(0).standard();
        StandardRef second = before.suggestions().get(1).standard();
        assertThat(first.code()).contains("7.RP.A.1");

        exec("INSERT INTO al_alignment (id, item_id, section_id, standard_id, framework_id, standard_code, alignment_type, created_at) "
                + "VALUES (?,?,?,?,?,?, 'TEACHES', ?)", UUID.randomUUID().toString(), item, section.id(), first.id(), math, first.code(),
                OffsetDateTime.now());
        LaunchContext teacher = launch(section);
        SectionAccess.Grant grant = new SectionAccess.Grant(section, SectionAccess.Level.TEACHER);
        suggestions.dismiss(grant, teacher, item, second.id());
        suggestions.dismiss(grant, teacher, item, second.id()); // idempotent
        assertThat(db.count("SELECT COUNT(*) FROM al_suggestion_dismissal WHERE item_id = ?", item)).isEqualTo(1);

        List<String> after = suggestions.suggest(grant, item, 10).suggestions().stream().map(s -> s.standard().id()).toList();
        assertThat(after).isNotEmpty().doesNotContain(first.id(), second.id());
        assertThat(db.count("SELECT COUNT(*) FROM al_alignment WHERE item_id = ?", item)).as("suggesting never aligns").isEqualTo(1);

        // the item belongs to another section: not found, for suggestions and dismissals alike
        SectionAccess.Grant other = new SectionAccess.Grant(otherSection, SectionAccess.Level.TEACHER);
        assertThatThrownBy(() -> suggestions.suggest(other, item, 10)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).status()).isEqualTo(404));
        assertThatThrownBy(() -> suggestions.dismiss(other, teacher, item, first.id()))
                .satisfies(e -> assertThat(((InvalidRequestException) e).status()).isEqualTo(404));
        assertThatThrownBy(() -> suggestions.suggest(grant, "no-such-item", 10))
                .satisfies(e -> assertThat(((InvalidRequestException) e).status()).isEqualTo(404));
        assertThatThrownBy(() -> suggestions.dismiss(grant, teacher, item, "no-such-standard"))
                .satisfies(e -> assertThat(((InvalidRequestException) e).status()).isEqualTo(404));
        assertThatThrownBy(() -> suggestions.dismiss(new SectionAccess.Grant(section, SectionAccess.Level.LINKED_TEACHER), teacher, item,
                first.id())).satisfies(e -> assertThat(((InvalidRequestException) e).status()).isEqualTo(403));
        assertThatThrownBy(() -> suggestions.suggest(grant, item, 0))
                .satisfies(e -> assertThat(((InvalidRequestException) e).status()).isEqualTo(400));
    }

    @Test
    void otherDistrictsFrameworksNeverAppear() {
        sectionGrades = Set.of();
        String item = item(section, "Ratios", "Ratio reasoning", "Understand the concept of a ratio and use ratio language; "
                + "a ratio of 3 wings to 1 beak; unit rates; equivalent ratios in tables; percent of a quantity as a rate per 100.");
        List<Suggestion> all = suggestions.suggest(new SectionAccess.Grant(section, SectionAccess.Level.TEACHER), item, 50).suggestions();
        assertThat(all).isNotEmpty().allSatisfy(s -> assertThat(s.standard().frameworkId()).isEqualTo(math));
        // the other district's framework has the same kind of ratio standards, which would rank well
        assertThat(catalog.outline(otherDistrict, otherFramework).items()).anyMatch(s -> s.statement().toLowerCase().contains("ratio"));
    }

    @Test
    void aSectionsGradesNarrowTheDistrictsGrades() {
        assertThat(Suggestions.grades(Set.of("07"), Set.of())).containsExactly("07");
        assertThat(Suggestions.grades(Set.of(), Set.of("06", "07"))).containsExactlyInAnyOrder("06", "07");
        assertThat(Suggestions.grades(Set.of("07", "09"), Set.of("06", "07"))).containsExactly("07");
        assertThat(Suggestions.grades(Set.of("11"), Set.of("06", "07"))).containsExactlyInAnyOrder("06", "07");
    }

    @Test
    void theIndexIsRebuiltWhenAFrameworkChangesVersion() throws Exception {
        var ref = catalog.enabledFrameworks(db.districtId).get(0);
        SuggestionIndex first = suggestions.index(db.districtId, List.of(ref));
        assertThat(suggestions.index(db.districtId, List.of(ref))).isSameAs(first);
        importFile(db.districtId, "opensalt_ccss-math_cfpackage-2016-draft.json"); // re-import: a new version
        var newer = catalog.enabledFrameworks(db.districtId).get(0);
        assertThat(newer.version()).isGreaterThan(ref.version());
        SuggestionIndex rebuilt = suggestions.index(db.districtId, List.of(newer));
        assertThat(rebuilt).isNotSameAs(first);
        assertThat(rebuilt.versions()).containsEntry(math, newer.version());
    }

    LaunchContext launch(Section s) {
        return new LaunchContext("token", "person-1", "Teacher", s.id(), s.title(), s.districtId(), s.registrationId(), "d",
                AppRole.TEACHER, Set.of(AppRole.TEACHER), "LtiResourceLinkRequest", null, List.of(), OffsetDateTime.now().plusHours(1),
                Map.of(), null);
    }
}
