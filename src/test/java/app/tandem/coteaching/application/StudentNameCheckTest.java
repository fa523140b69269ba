package app.tandem.coteaching.application;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentNameCheckTest {
    private final StudentNameCheck check = new StudentNameCheck(List.of("Ava Johnson", "Ben Okoro", "Will"));

    @Test
    void findsFullNamesInAnyCaseAndGivenNamesWrittenAsNames() {
        assertThat(check.in("Pair ava johnson with a buddy")).contains("Ava Johnson");
        assertThat(check.in("Ava needs the large-print cards.")).contains("Ava");
        assertThat(check.in("Check in with Ben first")).contains("Ben");
    }

    @Test
    void ignoresWordsThatOnlyContainOrResembleAName() {
        assertThat(check.in("Use Java applets; avoid the bench; a benign task")).isEmpty();
        assertThat(check.in("ben's idea (lower case) is not a name here")).isEmpty();
        assertThat(check.in("Students will compare rates")).isEmpty();
        assertThat(check.in("Will reads the task aloud")).contains("Will");
    }

    @Test
    void namesWhereInTheDocumentAndSkipsStandardsAndLinks() {
        JsonObject doc = PlanDocs.canonical(Json.createObjectBuilder().add("title", "Rates").add("date", "2026-03-02").add("model", "TEAM")
                .add("activities", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "a1").add("title", "Warm-up")
                        .add("description", "Ben Okoro leads the warm-up")))
                .add("materials", Json.createArrayBuilder().add(Json.createObjectBuilder().add("title", "x").add("url", "https://example.org/Ava")))
                .build());
        assertThat(check.in(doc)).hasValueSatisfying(f -> {
            assertThat(f.name()).isEqualTo("Ben Okoro");
            assertThat(f.path()).isEqualTo("activities/@a1/description");
            assertThat(f.label()).isEqualTo("Activities \u203a \u201cWarm-up\u201d \u203a Description");
        });
        JsonObject clean = PlanDocs.with(doc, "activities/@a1/description", Json.createValue("The co-teacher leads"));
        assertThat(check.in(clean)).isEmpty();
    }
}
