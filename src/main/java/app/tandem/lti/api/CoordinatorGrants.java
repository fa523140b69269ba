package app.tandem.lti.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * eLearning coordinator rights granted in Tandem, per district, to people who teach in it (besides the LMS's
 * institution and system administrators, who are coordinators by their LTI role). A grant counts from the person's
 * next launch in the district; a revocation ends their launch sessions there at once.
 */
public interface CoordinatorGrants {

    /** A granted coordinator: the person as the LMS last sent them, and who granted the role when. */
    record Grant(String personId, String name, String email, String platformName, String grantedByName, OffsetDateTime grantedAt) {
    }

    /** A person who teaches in the district and could be granted the role. */
    record Candidate(String personId, String name, String email, String platformName, boolean granted) {
    }

    /** The district's granted coordinators, by name. */
    List<Grant> list(String districtId);

    /** At most 20 people who teach in a section of the district and whose name or email contains the text (≥ 2 characters). */
    List<Candidate> candidates(String districtId, String text);

    /**
     * Grants the role (idempotent: false when it was granted already).
     *
     * @throws IllegalArgumentException when the person does not teach in a section of the district
     */
    boolean grant(String districtId, String personId, String grantedById, String grantedByName);

    /** Revokes a grant and ends the person's launch sessions in the district; false when there was none. */
    boolean revoke(String districtId, String personId);
}
