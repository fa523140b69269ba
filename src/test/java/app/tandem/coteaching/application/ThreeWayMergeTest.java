package app.tandem.coteaching.application;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ThreeWayMergeTest {
    private static final JsonObject BASE = PlanDocs.canonical(Json.createObjectBuilder()
            .add("title", "Ratios").add("date", "2026-03-02").add("model", "STATION").add("periodMinutes", 50)
            .add("differentiation", "Sentence frames for the discussion.")
            .add("activities", Json.createArrayBuilder()
                    .add(activity("a1", "Warm-up", 5))
                    .add(activity("a2", "Stations", 36))
                    .add(activity("a3", "Exit ticket", 5)))
            .build());

    private static JsonObject activity(String id, String title, int minutes) {
        return Json.createObjectBuilder().add("id", id).add("title", title).add("minutes", minutes).build();
    }

    private static JsonObject edit(JsonObject doc, String path, JsonValue value) {
        return PlanDocs.with(doc, path, value);
    }

    private static JsonValue text(String s) {
        return Json.createValue(s);
    }

    private static List<String> activityIds(JsonObject doc) {
        return doc.getJsonArray("activities").stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    @Test
    void disjointChangesAreMergedWithoutConflict() {
        JsonObject mine = edit(BASE, "title", text("Ratios and rates"));
        JsonObject theirs = edit(BASE, "differentiation", text("Sentence frames; a word wall."));

        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);

        assertThat(r.clean()).isTrue();
        assertThat(r.merged().getString("title")).isEqualTo("Ratios and rates");
        assertThat(r.merged().getString("differentiation")).isEqualTo("Sentence frames; a word wall.");
        assertThat(r.fromMine()).containsExactly("title");
        assertThat(r.fromTheirs()).containsExactly("differentiation");
    }

    @Test
    void theSameFieldChangedDifferentlyIsAConflictCarryingAllThreeValues() {
        JsonObject mine = edit(BASE, "title", text("Ratios — stations"));
        JsonObject theirs = edit(BASE, "title", text("Unit rates"));

        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);

        assertThat(r.clean()).isFalse();
        assertThat(r.conflicts()).hasSize(1);
        ThreeWayMerge.Conflict c = r.conflicts().get(0);
        assertThat(c.path()).isEqualTo("title");
        assertThat(c.label()).isEqualTo("Title");
        assertThat(c.base()).isEqualTo(text("Ratios"));
        assertThat(c.mine()).isEqualTo(text("Ratios — stations"));
        assertThat(c.theirs()).isEqualTo(text("Unit rates"));
        // provisional: the current value stays until the person picks
        assertThat(r.merged().getString("title")).isEqualTo("Unit rates");
    }

    @Test
    void theSameChangeOnBothSidesIsNoConflict() {
        JsonObject mine = edit(BASE, "title", text("Same"));
        JsonObject theirs = edit(BASE, "title", text("Same"));
        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);
        assertThat(r.clean()).isTrue();
        assertThat(r.merged().getString("title")).isEqualTo("Same");
    }

    @Test
    void listElementsAreMergedByIdWhenEachSideChangesADifferentElement() {
        JsonObject mine = edit(BASE, "activities/@a1/minutes", Json.createValue(8));
        JsonObject theirs = edit(BASE, "activities/@a3/title", text("Exit ticket (two questions)"));

        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);

        assertThat(r.clean()).isTrue();
        assertThat(PlanDocs.at(r.merged(), "activities/@a1/minutes")).isEqualTo(Json.createValue(8));
        assertThat(PlanDocs.at(r.merged(), "activities/@a3/title")).isEqualTo(text("Exit ticket (two questions)"));
        assertThat(activityIds(r.merged())).containsExactly("a1", "a2", "a3");
    }

    @Test
    void differentFieldsOfTheSameElementMerge() {
        JsonObject mine = edit(BASE, "activities/@a2/minutes", Json.createValue(30));
        JsonObject theirs = edit(BASE, "activities/@a2/title", text("Station rotations"));
        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);
        assertThat(r.clean()).isTrue();
        assertThat(r.merged().getJsonArray("activities").getJsonObject(1))
                .isEqualTo(Json.createObjectBuilder(activity("a2", "Station rotations", 30)).add("lead", "").add("description", "").build());
    }

    @Test
    void additionsFromBothSidesAreKeptInPlace() {
        JsonObject mine = add(BASE, "a1", activity("m1", "Vocabulary", 4));
        JsonObject theirs = add(BASE, "a2", activity("t1", "Gallery walk", 6));

        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);

        assertThat(r.clean()).isTrue();
        assertThat(activityIds(r.merged())).containsExactly("a1", "m1", "a2", "t1", "a3");
    }

    @Test
    void aRemovalWinsOverAnUnchangedElement() {
        JsonObject mine = edit(BASE, "activities/@a3", null);
        JsonObject theirs = edit(BASE, "title", text("Ratios!"));
        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);
        assertThat(r.clean()).isTrue();
        assertThat(activityIds(r.merged())).containsExactly("a1", "a2");
        assertThat(r.merged().getString("title")).isEqualTo("Ratios!");
    }

    @Test
    void aRemovalAgainstAChangeIsAConflictAndKeepsTheElement() {
        JsonObject mine = edit(BASE, "activities/@a3", null);
        JsonObject theirs = edit(BASE, "activities/@a3/minutes", Json.createValue(10));

        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);

        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("activities/@a3");
            assertThat(c.label()).isEqualTo("Activities \u203a \u201cExit ticket\u201d");
            assertThat(c.mine()).isNull();
            assertThat(c.theirs().asJsonObject().getInt("minutes")).isEqualTo(10);
        });
        assertThat(activityIds(r.merged())).containsExactly("a1", "a2", "a3");
    }

    @Test
    void theSameElementFieldChangedDifferentlyIsAConflictOnThatField() {
        JsonObject mine = edit(BASE, "activities/@a2/minutes", Json.createValue(30));
        JsonObject theirs = edit(BASE, "activities/@a2/minutes", Json.createValue(40));
        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);
        assertThat(r.conflicts()).extracting(ThreeWayMerge.Conflict::path).containsExactly("activities/@a2/minutes");
        assertThat(r.conflicts().get(0).label()).isEqualTo("Activities \u203a \u201cStations\u201d \u203a Minutes");
    }

    @Test
    void aReorderOnOneSideIsKeptWithTheOtherSidesAddition() {
        JsonObject mine = reorder(BASE, "a3", "a1", "a2");
        JsonObject theirs = add(BASE, "a1", activity("t1", "Think-pair-share", 5));
        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);
        assertThat(r.clean()).isTrue();
        assertThat(activityIds(r.merged())).containsExactly("a3", "a1", "t1", "a2");
    }

    /** Whatever the two sides did, every value either side wrote is in the merge or in a conflict: nothing is lost silently. */
    @Test
    void nothingIsLost() {
        List<UnaryOperator<JsonObject>> edits = List.of(
                d -> edit(d, "title", text("Title " + d.hashCode())),
                d -> edit(d, "differentiation", text("Notes " + d.hashCode())),
                d -> edit(d, "activities/@a1/minutes", Json.createValue(Math.abs(d.hashCode() % 50))),
                d -> edit(d, "activities/@a2", null),
                d -> add(d, "a3", activity("x" + Math.abs(d.hashCode() % 1000), "Added", 3)),
                d -> reorder(d, "a2", "a1", "a3"),
                d -> edit(d, "periodMinutes", Json.createValue(55)),
                UnaryOperator.identity());
        for (UnaryOperator<JsonObject> a : edits) {
            for (UnaryOperator<JsonObject> b : edits) {
                JsonObject mine = a.apply(edit(BASE, "reflection", text("mine")));
                JsonObject theirs = b.apply(BASE);
                ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);
                for (String path : List.of("title", "differentiation", "periodMinutes", "reflection", "activities/@a1/minutes")) {
                    assertKept(path, mine, theirs, r);
                }
                for (JsonObject side : List.of(mine, theirs)) {
                    for (JsonValue e : side.getJsonArray("activities")) {
                        String id = e.asJsonObject().getString("id");
                        boolean inBase = PlanDocs.at(BASE, "activities/@" + id) != null;
                        if (!inBase) {
                            assertThat(activityIds(r.merged())).as("an addition survives").contains(id);
                        }
                    }
                }
            }
        }
    }

    private static void assertKept(String path, JsonObject mine, JsonObject theirs, ThreeWayMerge.Result r) {
        JsonValue m = PlanDocs.at(mine, path);
        JsonValue t = PlanDocs.at(theirs, path);
        JsonValue b = PlanDocs.at(BASE, path);
        JsonValue merged = PlanDocs.at(r.merged(), path);
        boolean inConflict = r.conflicts().stream().anyMatch(c -> path.startsWith(c.path()));
        if (inConflict) {
            ThreeWayMerge.Conflict c = r.conflicts().stream().filter(x -> path.startsWith(x.path())).findFirst().orElseThrow();
            assertThat(List.of(String.valueOf(c.mine()), String.valueOf(c.theirs())))
                    .as("conflict at %s shows both sides", path)
                    .contains(String.valueOf(PlanDocs.at(mine, c.path())), String.valueOf(PlanDocs.at(theirs, c.path())));
        } else if (!java.util.Objects.equals(m, b)) {
            assertThat(merged).as("mine's change to %s kept", path).isEqualTo(m);
        } else {
            assertThat(merged).as("theirs' value of %s kept", path).isEqualTo(t);
        }
    }

    @Test
    void resolvingAConflictAppliesThePersonsChoice() {
        JsonObject mine = edit(edit(BASE, "title", text("Mine")), "activities/@a3", null);
        JsonObject theirs = edit(edit(BASE, "title", text("Theirs")), "activities/@a3/minutes", Json.createValue(9));
        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs);
        assertThat(r.conflicts()).hasSize(2);

        Map<String, JsonValue> choices = new LinkedHashMap<>();
        choices.put("title", text("Mine"));
        choices.put("activities/@a3", null);
        JsonObject resolved = ThreeWayMerge.resolve(r.merged(), choices);

        assertThat(resolved.getString("title")).isEqualTo("Mine");
        assertThat(activityIds(resolved)).containsExactly("a1", "a2");
        assertThat(PlanDocs.canonical(resolved)).isEqualTo(resolved);
    }

    @Test
    void templatesAreCanonicalAndMergeableForEveryModel() {
        for (PlanModel m : PlanModel.values()) {
            JsonObject t = PlanTemplates.starter(m, "Lesson", LocalDate.of(2026, 3, 2), 50, List.of("p1", "p2"));
            assertThat(PlanDocs.canonical(t)).isEqualTo(t);
            assertThat(Durations.of(t).planned()).as(m.name()).isLessThanOrEqualTo(50);
            assertThat(ThreeWayMerge.merge(t, t, t).merged()).isEqualTo(t);
        }
    }

    private static JsonObject add(JsonObject doc, String after, JsonObject element) {
        var b = Json.createArrayBuilder();
        for (JsonValue e : doc.getJsonArray("activities")) {
            b.add(e);
            if (e.asJsonObject().getString("id").equals(after)) {
                b.add(Json.createObjectBuilder(element).add("lead", "").add("description", ""));
            }
        }
        return Json.createObjectBuilder(doc).add("activities", b).build();
    }

    private static JsonObject reorder(JsonObject doc, String... ids) {
        JsonArray a = doc.getJsonArray("activities");
        var b = Json.createArrayBuilder();
        for (String id : ids) {
            a.stream().filter(e -> e.asJsonObject().getString("id").equals(id)).findFirst().ifPresent(b::add);
        }
        return Json.createObjectBuilder(doc).add("activities", b).build();
    }
}
