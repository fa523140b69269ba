package app.tandem.coteaching.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class PlanDocsTest {

    private static JsonObject minimal() {
        return Json.createObjectBuilder().add("title", "Ratios").add("date", "2026-03-02").add("model", "PARALLEL").build();
    }

    @Test
    void canonicalFormHasEveryFieldAndDropsEmptyRows() {
        JsonObject doc = PlanDocs.canonical(Json.createObjectBuilder(minimal())
                .add("activities", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "x1").add("title", "  "))
                        .add(Json.createObjectBuilder().add("title", "Warm-up").add("minutes", 5)))
                .build());
        assertThat(doc.getString("endDate")).isEmpty();
        assertThat(doc.getInt("periodMinutes")).isEqualTo(50);
        assertThat(doc.getJsonObject("structure").getJsonArray("stations")).isEmpty();
        assertThat(doc.getJsonObject("agenda").getString("iCan")).isEmpty();
        assertThat(doc.getJsonArray("activities")).hasSize(1);
        assertThat(doc.getJsonArray("activities").getJsonObject(0).getString("id")).matches("[0-9a-f]{12}");
        assertThat(PlanDocs.canonical(doc)).isEqualTo(doc);
    }

    @Test
    void aStandardNamedOnlyByItsIdIsKept() {
        JsonObject doc = PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("standards", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("id", "00000000-0000-4000-8000-000000000001"))).build());
        assertThat(doc.getJsonArray("standards")).hasSize(1);
    }

    @Test
    void unknownModelsFieldsAndOversizedTextAreRefused() {
        assertThatThrownBy(() -> PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("model", "LECTURE").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Co-teaching model must be one of");
        assertThatThrownBy(() -> PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("colour", "red").build()))
                .hasMessageContaining("Unknown field 'colour'");
        assertThatThrownBy(() -> PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("differentiation", "x".repeat(4001)).build()))
                .hasMessageContaining("Differentiation is longer than 4000 characters");
        assertThatThrownBy(() -> PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("title", "").build()))
                .hasMessageContaining("Title is required");
    }

    @Test
    void datesTimesLinksAndIdsAreChecked() {
        assertThatThrownBy(() -> PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("date", "02/03/2026").build()))
                .hasMessageContaining("Date must be a date");
        assertThatThrownBy(() -> PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("endDate", "2026-03-01").build()))
                .hasMessageContaining("last day is before");
        assertThatThrownBy(() -> PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("startTime", "10:00").add("endTime", "09:00").build()))
                .hasMessageContaining("end time is not after");
        assertThatThrownBy(() -> PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("materials", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("title", "x").add("url", "javascript:alert(1)"))).build()))
                .hasMessageContaining("Material 1 \u203a Link must be a web address");
        assertThatThrownBy(() -> PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("activities", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("id", "a").add("title", "x")).add(Json.createObjectBuilder().add("id", "a").add("title", "y"))).build()))
                .hasMessageContaining("appears twice");
        InvalidRequestException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("periodMinutes", "fifty").add("title", 3).build()),
                InvalidRequestException.class);
        assertThat(e.fields()).containsKeys("title", "periodMinutes");
        assertThat(e.getMessage()).contains("(and 1 more problem)");
    }

    @Test
    void labelsNameElementsByTheirTitle() {
        JsonObject doc = PlanDocs.canonical(Json.createObjectBuilder(minimal()).add("structure", Json.createObjectBuilder()
                .add("groups", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "g1").add("name", "Blue")))).build());
        assertThat(PlanDocs.label("structure/groups/@g1/focus", doc)).isEqualTo("Parallel groups \u203a \u201cBlue\u201d \u203a Focus");
        assertThat(PlanDocs.label("agenda/iCan", doc)).isEqualTo("Student agenda \u203a \u201cI can\u2026\u201d objective");
        assertThat(PlanDiff.summary(PlanDiff.diff(doc, PlanDocs.with(doc, "title", Json.createValue("New"))))).isEqualTo("Title");
    }
}
