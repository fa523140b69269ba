package app.tandem.lti.api;

import java.util.List;
import java.util.Map;

/**
 * Contributed by features (CDI beans): the Tandem objects a teacher can place in the LMS through Deep Linking
 * for this launch. A later launch of a placed link carries {@code custom} back, with {@link #TARGET} naming
 * the object to open.
 */
public interface PlaceableContent {
    String TARGET = "tandem_target";

    /**
     * @param group where the picker lists the option (e.g. a unit's title), null for the ungrouped options at the top;
     *              keeps the picker usable when a course offers many options
     */
    record Option(String id, String title, String text, Map<String, String> custom, String group) {
        public Option(String id, String title, String text, Map<String, String> custom) {
            this(id, title, text, custom, null);
        }
    }

    List<Option> options(LaunchContext launch);
}
