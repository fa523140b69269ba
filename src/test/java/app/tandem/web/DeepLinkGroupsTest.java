package app.tandem.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.tandem.lti.api.PlaceableContent.Option;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deep-linking picker's groups: ungrouped options first, then one group per unit in the order they come. */
class DeepLinkGroupsTest {

    static Option option(String id, String group) {
        return new Option(id, id, "", Map.of("tandem_target", id), group);
    }

    @Test
    void ungroupedOptionsComeFirstThenEachGroupOnceInOrder() {
        List<DeepLinkResource.Group> groups = DeepLinkResource.grouped(List.of(option("student-view", null), option("unit-1", "Unit 1"),
                option("resource-a", "Unit 1"), option("unit-2", "Unit 2"), option("course-home", null), option("resource-b", "Unit 2")));

        assertThat(groups).extracting(DeepLinkResource.Group::title).containsExactly(null, "Unit 1", "Unit 2");
        assertThat(groups.get(0).options()).extracting(Option::id).containsExactly("student-view", "course-home");
        assertThat(groups.get(1).options()).extracting(Option::id).containsExactly("unit-1", "resource-a");
        assertThat(groups.get(2).options()).extracting(Option::id).containsExactly("unit-2", "resource-b");
    }

    @Test
    void noOptionsNoGroupsAndTheOldFourFieldOptionIsUngrouped() {
        assertThat(DeepLinkResource.grouped(List.of())).isEmpty();
        assertThat(new Option("course-home", "Tandem", "", Map.of()).group()).isNull();
    }
}
