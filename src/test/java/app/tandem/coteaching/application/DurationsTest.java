package app.tandem.coteaching.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class DurationsTest {

    private static JsonObject plan(int period, Object... minutes) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        int i = 0;
        for (Object m : minutes) {
            var e = Json.createObjectBuilder().add("id", "a" + i++).add("title", "Step " + i);
            if (m instanceof Integer n) {
                e.add("minutes", n);
            } else if (m instanceof Double d) {
                e.add("minutes", d);
            } else {
                e.add("minutes", String.valueOf(m));
            }
            a.add(e);
        }
        return PlanDocs.canonical(Json.createObjectBuilder().add("title", "T").add("date", "2026-03-02").add("model", "TEAM")
                .add("periodMinutes", period).add("activities", a).build());
    }

    @Test
    void sumsTheActivitiesAgainstThePeriod() {
        Durations d = Durations.of(plan(50, 5, 30, 5));
        assertThat(d.planned()).isEqualTo(40);
        assertThat(d.remaining()).isEqualTo(10);
        assertThat(d.over()).isZero();
        assertThat(d.text()).isEqualTo("40 of 50 minutes planned, 10 remaining");
    }

    @Test
    void showsMinutesOver() {
        Durations d = Durations.of(plan(45, 10, 30, 10));
        assertThat(d.isOver()).isTrue();
        assertThat(d.over()).isEqualTo(5);
        assertThat(d.remaining()).isZero();
        assertThat(d.text()).isEqualTo("50 of 45 minutes planned, 5 over");
    }

    @Test
    void aFullPeriodAndNoActivities() {
        assertThat(Durations.of(plan(50, 20, 30)).text()).isEqualTo("50 of 50 minutes planned, the period is full");
        assertThat(Durations.of(plan(50)).text()).isEqualTo("0 of 50 minutes planned, 50 remaining");
    }

    @Test
    void stationRotationsAreCountedForStationTeaching() {
        JsonObject doc = PlanDocs.canonical(Json.createObjectBuilder().add("title", "T").add("date", "2026-03-02").add("model", "STATION")
                .add("structure", Json.createObjectBuilder().add("rotations", 3).add("rotationMinutes", 12)).build());
        assertThat(Durations.of(doc).stations()).isEqualTo(36);
    }

    @Test
    void durationsThatAreNotWholeNumbersAreRefusedNamingTheActivity() {
        assertThatThrownBy(() -> plan(50, 5, "ten"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Activity 2 \u203a Minutes must be a whole number")
                .satisfies(e -> assertThat(((InvalidRequestException) e).status()).isEqualTo(400));
        assertThatThrownBy(() -> plan(50, 2.5)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> plan(50, -5)).hasMessageContaining("between 0 and 600");
        assertThatThrownBy(() -> plan(0, 5)).hasMessageContaining("Period length");
    }
}
