package app.tandem.alignment.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MapRulesTest {

    private static InvalidRequestException refused(Runnable r) {
        try {
            r.run();
        } catch (InvalidRequestException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void unitTitleIsRequiredAndTrimmedAndLimited() {
        assertThat(MapRules.unit("  Ratios  ", " ").title()).isEqualTo("Ratios");
        assertThat(MapRules.unit("Ratios", " ").description()).isNull();
        InvalidRequestException missing = refused(() -> MapRules.unit(" ", null));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.getMessage()).isEqualTo("Give the unit a title.");
        assertThat(missing.fields()).containsEntry("title", "required");
        InvalidRequestException tooLong = refused(() -> MapRules.unit("x".repeat(301), "y".repeat(4001)));
        assertThat(tooLong.fields()).containsKeys("title", "description");
        assertThat(tooLong.fields().get("title")).contains("300").contains("301");
        assertThat(tooLong.getMessage()).contains("1 more problem");
    }

    @Test
    void resourceDefaultsAndChecks() {
        MapRules.ItemInput r = MapRules.item(null, "Proportions video", "https://example.org/v", "VIDEO", "watch it", null, null);
        assertThat(r.kind()).isEqualTo(MapRules.Kind.RESOURCE);
        assertThat(r.resourceType()).isEqualTo("video");
        assertThat(r.studentVisible()).isTrue();
        assertThat(MapRules.item("resource", "T", null, null, null, null, false).resourceType()).isEqualTo("other");
        assertThat(refused(() -> MapRules.item("RESOURCE", "T", null, "podcast", null, null, true)).fields()).containsKey("resourceType");
        assertThat(refused(() -> MapRules.item("FILM", "T", null, null, null, null, true)).fields()).containsEntry("kind", "RESOURCE, LTI_LINK or NOTE");
        assertThat(refused(() -> MapRules.item("RESOURCE", "x".repeat(501), null, null, null, null, true)).fields()).containsKey("title");
        assertThat(refused(() -> MapRules.item("RESOURCE", "T", null, null, "d".repeat(8001), null, true)).fields()).containsKey("description");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,hi", "ftp://example.org/x", "example.org/page", "https://", "http://exa mple.org"})
    void onlyWebAddressesAreAccepted(String url) {
        InvalidRequestException e = refused(() -> MapRules.item("RESOURCE", "T", url, null, null, null, true));
        assertThat(e.fields()).containsKey("url");
        assertThat(e.getMessage()).contains("web address");
    }

    @Test
    void longUrlsAreRefused() {
        assertThat(refused(() -> MapRules.item("RESOURCE", "T", "https://e.org/" + "a".repeat(2000), null, null, null, true)).fields().get("url"))
                .contains("2000");
    }

    @Test
    void notesHaveNoUrlNorType() {
        MapRules.ItemInput n = MapRules.item("note", "Remember", null, "video", "bring rulers", null, true);
        assertThat(n.kind()).isEqualTo(MapRules.Kind.NOTE);
        assertThat(n.resourceType()).isNull();
        assertThat(refused(() -> MapRules.item("NOTE", "Remember", "https://e.org", null, null, null, true)).fields()).containsKey("url");
        assertThat(refused(() -> MapRules.item("NOTE", " ", null, null, null, null, true)).getMessage()).isEqualTo("Give the note a title.");
    }

    @Test
    void ltiLinksAreContentItemObjectsWithAWebLaunchUrl() {
        MapRules.ItemInput l = MapRules.item("LTI_LINK", null, null, "activity", null,
                "{\"type\":\"ltiResourceLink\",\"url\":\"https://tool.example/launch\",\"title\":\"Quiz 3\",\"custom\":{\"a\":\"1\"}}", true);
        assertThat(l.title()).isEqualTo("Quiz 3");
        assertThat(l.url()).isEqualTo("https://tool.example/launch");
        assertThat(l.ltiLink()).contains("\"custom\"");
        assertThat(refused(() -> MapRules.item("LTI_LINK", "T", null, null, null, null, true)).fields()).containsEntry("ltiLink", "required for an LTI link");
        assertThat(refused(() -> MapRules.item("LTI_LINK", "T", null, null, null, "[1]", true)).fields()).containsKey("ltiLink");
        assertThat(refused(() -> MapRules.item("LTI_LINK", "T", null, null, null, "{not json", true)).fields().get("ltiLink")).contains("JSON");
        assertThat(refused(() -> MapRules.item("LTI_LINK", "T", null, null, null, "{\"url\":\"javascript:x\"}", true)).fields()).containsKey("ltiLink");
        assertThat(refused(() -> MapRules.item("LTI_LINK", "T", null, null, null, "{\"type\":\"file\",\"url\":\"https://a.b\"}", true)).fields())
                .containsKey("ltiLink");
    }

    @Test
    void movesAreClampedAtBothEnds() {
        List<String> order = List.of("a", "b", "c");
        assertThat(MapRules.moved(order, "b", -1)).containsExactly("b", "a", "c");
        assertThat(MapRules.moved(order, "b", 1)).containsExactly("a", "c", "b");
        assertThat(MapRules.moved(order, "a", -1)).containsExactly("a", "b", "c");
        assertThat(MapRules.moved(order, "c", 5)).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> MapRules.moved(order, "z", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewOrderMustNameExactlyTheCurrentIds() {
        MapRules.requireSameSet(List.of("a", "b"), List.of("b", "a"), Set.of(), "unit");
        MapRules.requireSameSet(List.of("a", "b"), List.of("b", "x", "a"), Set.of("x"), "item");
        assertThat(refused(() -> MapRules.requireSameSet(List.of("a", "b"), List.of("a"), Set.of(), "unit")).status()).isEqualTo(409);
        assertThat(refused(() -> MapRules.requireSameSet(List.of("a"), List.of("a", "y"), Set.of(), "unit")).status()).isEqualTo(409);
        assertThat(refused(() -> MapRules.requireSameSet(List.of("a"), List.of("a", "a"), Set.of(), "unit")).status()).isEqualTo(400);
    }

    @Test
    void conflictsNameWhatTheStoredRecordNowSays() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("title", "Ratios, revised");
        stored.put("description", "same");
        stored.put("url", null);
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("title", "Ratios");
        mine.put("description", "same");
        mine.put("url", "");
        InvalidRequestException e = MapRules.conflict("unit", "Ratios, revised", 3, 4, stored, mine);
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.getMessage()).contains("Someone else changed the unit").contains("version 3 → 4").contains("title (now “Ratios, revised”)")
                .doesNotContain("description").doesNotContain("web address");
        assertThat(e.fields()).containsEntry("title", "now “Ratios, revised”").containsKey("version").doesNotContainKey("description");
    }

    @Test
    void alignmentTypes() {
        assertThat(AlignmentType.parse("teaches")).isEqualTo(AlignmentType.TEACHES);
        assertThat(AlignmentType.parse(" Practices ")).isEqualTo(AlignmentType.PRACTISES);
        assertThat(AlignmentType.parse("ASSESSES")).isEqualTo(AlignmentType.ASSESSES);
        assertThat(refused(() -> AlignmentType.parse("mentions")).fields()).containsKey("type");
        assertThat(refused(() -> AlignmentType.parse(null)).getMessage()).contains("teaches, practises or assesses");
    }
}
