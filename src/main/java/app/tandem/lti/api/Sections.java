package app.tandem.lti.api;

import java.util.List;
import java.util.Optional;

/**
 * The LMS sections (LTI contexts) Tandem has seen, and who teaches or learns in them (from launches and NRPS).
 * Features use it to authorize by section membership and to offer a teacher's other sections.
 */
public interface Sections {

    /**
     * @param platformName the registration's display name (e.g. "Canvas — Springfield"), to tell platforms apart
     */
    record Section(String id, String districtId, String registrationId, String platformName, String contextId,
                   String title, String label) {
        /** Title, else label, else the context id: something a person recognises. */
        public String displayTitle() {
            if (title != null && !title.isBlank()) {
                return title;
            }
            return label != null && !label.isBlank() ? label : contextId;
        }
    }

    Optional<Section> section(String sectionId);

    /** Sections where the person has an active teacher membership, by title. */
    List<Section> taughtBy(String personId);

    /** Whether the person has an active membership with the role in the section. */
    boolean hasRole(String personId, String sectionId, AppRole role);

    /** All sections of a district, by title (coordinator reports). */
    List<Section> inDistrict(String districtId);

    /** Active members of a section with the role, as (person id, display name), by name. */
    List<Person> members(String sectionId, AppRole role);

    record Person(String id, String name) {
    }
}
