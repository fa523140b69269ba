package app.tandem.coteaching.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.application.PlanDocs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanFormTest {
    private static final JsonObject BASE = PlanDocs.canonical(Json.createObjectBuilder().add("title", "Rates").add("date", "2026-03-02")
            .add("model", "STATION")
            .add("structure", Json.createObjectBuilder().add("rotations", 3))
            .add("standards", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "s1").add("code", "7.RP.A.2").add("statement", "Recognize…")))
            .add("activities", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("id", "a1").add("title", "Warm-up").add("minutes", 5))
                    .add(Json.createObjectBuilder().add("id", "a2").add("title", "Stations").add("minutes", 36))
                    .add(Json.createObjectBuilder().add("id", "a3").add("title", "Exit").add("minutes", 5)))
            .build());

    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], List.of(pairs[i + 1]));
        }
        return m;
    }

    @Test
    void overlaysThePostedFieldsOnTheVersionTheFormWasOpenedAt() {
        JsonObject doc = PlanDocs.canonical(PlanForm.read(BASE, form("title", "Unit rates", "activities/@a2/minutes", "30",
                "structure/rotationMinutes", "10", "stdq", "ignored", "baseVersion", "3")));
        assertThat(doc.getString("title")).isEqualTo("Unit rates");
        assertThat(doc.getJsonArray("activities").getJsonObject(1).getInt("minutes")).isEqualTo(30);
        assertThat(doc.getJsonObject("structure").getInt("rotations")).as("not in the form: kept").isEqualTo(3);
        assertThat(doc.getJsonObject("structure").getInt("rotationMinutes")).isEqualTo(10);
        assertThat(doc.getJsonArray("standards").getJsonObject(0).getString("statement")).as("not in the form: kept").isEqualTo("Recognize…");
    }

    @Test
    void theOrderFieldSaysWhichElementsRemainAndInWhichOrder() {
        JsonObject doc = PlanDocs.canonical(PlanForm.read(BASE, form("order:activities", "a3 a1", "activities/@a1/title", "Warm-up!")));
        assertThat(doc.getJsonArray("activities").stream().map(v -> v.asJsonObject().getString("id")).toList()).containsExactly("a3", "a1");
        assertThat(doc.getJsonArray("activities").getJsonObject(1).getString("title")).isEqualTo("Warm-up!");
    }

    @Test
    void minutesThatAreNotWholeNumbersAreRefusedAndEmptyMeansTheDefault() {
        assertThatThrownBy(() -> PlanForm.read(BASE, form("activities/@a1/minutes", "ten")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Minutes must be a whole number");
        JsonObject doc = PlanForm.read(BASE, form("activities/@a1/minutes", ""));
        assertThat(doc.getJsonArray("activities").getJsonObject(0).getInt("minutes")).isZero();
    }
}
