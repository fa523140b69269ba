package app.tandem.alignment.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.alignment.application.LearnModel.Standard;
import app.tandem.alignment.application.LearnModel.Statements;
import app.tandem.alignment.application.LearnModel.Unit;
import app.tandem.alignment.domain.StudentViewStore.AlignedRow;
import app.tandem.alignment.domain.StudentViewStore.ItemRow;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building the student view from alignment rows: only student-visible content, grouped by unit and standard. */
class LearnModelTest {
    static final StandardRef S1 = ref("s1", "CCSS.Math.Content.7.RP.A.1", "Compute unit rates associated with ratios of fractions.");
    static final StandardRef S2 = ref("s2", "CCSS.Math.Content.7.RP.A.2", "Recognize and represent proportional relationships.");

    static StandardRef ref(String id, String code, String statement) {
        return new StandardRef(id, "f1", "Common Core State Standards for Mathematics", id, code, statement, List.of("07"), "Standard",
                false, "d", "7.RP", "c", "7.RP.A");
    }

    static ItemRow item(String unit, String id, String kind, boolean visible) {
        return new ItemRow(unit, "Unit " + unit, null, id, kind, "Item " + id, "https://example.org/" + id, "video", null, visible);
    }

    static AlignedRow row(ItemRow item, StandardRef s) {
        return new AlignedRow(item, s.id(), "f1", s.code());
    }

    @Test
    void notesAndHiddenItemsNeverReachStudentsWhateverTheRowsSay() {
        ItemRow visible = item("u1", "visible", "RESOURCE", true);
        ItemRow draft = item("u1", "draft", "RESOURCE", false);
        ItemRow note = item("u1", "note", "NOTE", true);
        ItemRow onlyNote = item("u2", "note2", "NOTE", true);
        List<Unit> units = LearnModel.units(List.of(row(visible, S1), row(draft, S1), row(note, S1), row(draft, S2), row(onlyNote, S2)),
                Map.of("s1", S1, "s2", S2), Statements.NONE);

        assertThat(units).singleElement().satisfies(u -> {
            assertThat(u.unitId()).isEqualTo("u1");
            assertThat(u.standards()).singleElement().satisfies(s -> {
                assertThat(s.standardId()).isEqualTo("s1");
                assertThat(s.resources()).extracting(LearnModel.Resource::itemId).containsExactly("visible");
            });
        });
    }

    @Test
    void groupsByUnitThenStandardInCourseMapOrderListingAnItemOnceAStandard() {
        ItemRow a = item("u1", "a", "RESOURCE", true);
        ItemRow b = item("u1", "b", "LTI_LINK", true);
        ItemRow c = item("u2", "c", "RESOURCE", true);
        // a teaches and assesses S1 (two rows); S2 appears in both units
        List<Unit> units = LearnModel.units(List.of(row(a, S1), row(a, S1), row(a, S2), row(b, S1), row(c, S2)),
                Map.of("s1", S1, "s2", S2), new Statements(Map.of("s2", "I can spot proportional relationships."), Map.of()));

        assertThat(units).extracting(Unit::unitId).containsExactly("u1", "u2");
        assertThat(units.get(0).standards()).extracting(Standard::standardId).containsExactly("s1", "s2");
        assertThat(units.get(0).standards().get(0).resources()).extracting(LearnModel.Resource::itemId).containsExactly("a", "b");
        assertThat(units.get(1).standards()).singleElement().satisfies(s -> {
            assertThat(s.statement().text()).isEqualTo("I can spot proportional relationships.");
            assertThat(s.official()).isEqualTo(S2.statement());
            assertThat(s.shortCode()).isEqualTo("7.RP.A.2");
        });
    }

    @Test
    void aStandardMissingFromTheLibraryStillShowsWithItsStoredCode() {
        ItemRow a = item("u1", "a", "RESOURCE", true);
        List<Unit> units = LearnModel.units(List.of(new AlignedRow(a, "gone", "f0", "OLD.1")), Map.of(), Statements.NONE);
        Standard s = units.get(0).standards().get(0);
        assertThat(s.code()).isEqualTo("OLD.1");
        assertThat(s.statement().text()).isEqualTo("OLD.1");
        assertThat(s.official()).isNull();
    }

    @Test
    void onlyHttpLinksAreEverLinked() {
        assertThat(LearnModel.safe("https://example.org/a?b=1")).isEqualTo("https://example.org/a?b=1");
        assertThat(LearnModel.safe("HTTP://example.org")).isEqualTo("HTTP://example.org");
        assertThat(LearnModel.safe("javascript:alert(1)")).isNull();
        assertThat(LearnModel.safe("data:text/html,<b>x</b>")).isNull();
        assertThat(LearnModel.safe("//example.org/a")).isNull();
        assertThat(LearnModel.safe("not a url")).isNull();
        assertThat(LearnModel.safe(" ")).isNull();
    }
}
