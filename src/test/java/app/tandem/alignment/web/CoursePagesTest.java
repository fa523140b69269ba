package app.tandem.alignment.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.InvalidRequestException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoursePagesTest {

    @Test
    void keyboardFocusStaysOnTheMoveButtonOrTheOtherOneAtAnEnd() {
        assertThat(CoursePages.focusAfterMove("item", "i", 1, 3, -1)).isEqualTo("item-up-i");
        assertThat(CoursePages.focusAfterMove("item", "i", 0, 3, -1)).isEqualTo("item-down-i");
        assertThat(CoursePages.focusAfterMove("unit", "u", 2, 3, 1)).isEqualTo("unit-up-u");
        assertThat(CoursePages.focusAfterMove("unit", "u", 1, 3, 1)).isEqualTo("unit-down-u");
        assertThat(CoursePages.focusAfterMove("unit", "u", 0, 1, 1)).isEqualTo("unit-title-u");
    }

    @Test
    void formNumbersAreCheckedAsFieldErrors() {
        assertThat(CoursePages.version(" 7 ")).isEqualTo(7L);
        assertThat(CoursePages.version("")).isNull();
        assertThatThrownBy(() -> CoursePages.version("seven")).isInstanceOf(InvalidRequestException.class);
        assertThat(CoursePages.delta("up")).isEqualTo(-1);
        assertThat(CoursePages.delta("1")).isEqualTo(1);
        assertThatThrownBy(() -> CoursePages.delta("5")).isInstanceOf(InvalidRequestException.class);
        assertThat(CoursePages.ids(Arrays.asList("a", "", null, "b"), "x")).containsExactly("a", "b");
        assertThatThrownBy(() -> CoursePages.ids(List.of(), "unitIds")).isInstanceOf(InvalidRequestException.class);
    }
}
