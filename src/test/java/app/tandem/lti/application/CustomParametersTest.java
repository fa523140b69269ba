package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Canvas sends a substitution variable it cannot expand literally: Tandem treats it as absent. */
class CustomParametersTest {

    @Test
    void unexpandedVariablesAreDropped() {
        Map<String, Object> custom = new HashMap<>();
        custom.put("canvas_course_id", "$Canvas.course.id");
        custom.put("canvas_account_id", "1234");
        custom.put("tandem_target", "home");
        custom.put("price", "$5.00");
        custom.put("flag", true);
        custom.put("blank", " ");
        custom.put("nothing", null);
        assertThat(CustomParameters.clean(custom))
                .containsOnlyKeys("canvas_account_id", "tandem_target", "price", "flag")
                .containsEntry("flag", "true");
    }

    @Test
    void noCustomClaim() {
        assertThat(CustomParameters.clean(null)).isEmpty();
    }
}
