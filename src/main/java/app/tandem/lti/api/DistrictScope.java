package app.tandem.lti.api;

/**
 * SQL sub-selects, owned by {@code lti}, that name a district's sections and people for the slices' district data
 * parts ({@code common.DistrictDataPart}): features whose rows are tied to the district only through a section or a
 * person use these instead of reading lti's tables themselves. Every {@code ?} is the district id.
 */
public final class DistrictScope {
    /** The ids of the district's sections. */
    public static final String SECTIONS = "SELECT id FROM section WHERE district_id = ?";

    /**
     * The ids of the platform registrations the district uses (through a deployment or a dynamic registration),
     * shared ones included.
     */
    public static final String REGISTRATIONS = "SELECT registration_id FROM lti_deployment WHERE district_id = ?"
            + " UNION SELECT registration_id FROM lti_dynamic_registration WHERE district_id = ?";

    /** The ids of the registrations only this district uses (no other district's deployment, dynamic registration or section). */
    public static final String OWN_REGISTRATIONS = "SELECT id FROM platform_registration WHERE id IN (" + REGISTRATIONS + ")"
            + " AND id NOT IN (SELECT registration_id FROM lti_deployment WHERE district_id <> ?"
            + " UNION SELECT registration_id FROM lti_dynamic_registration WHERE district_id <> ?"
            + " UNION SELECT registration_id FROM section WHERE district_id <> ?)";

    /**
     * The ids of the people seen in the district: members of its sections, people with a launch session in it, and
     * everyone of a registration only it uses (coordinators launch without a section).
     */
    public static final String PEOPLE = "SELECT m.person_id FROM membership m JOIN section s ON s.id = m.section_id WHERE s.district_id = ?"
            + " UNION SELECT person_id FROM launch_session WHERE district_id = ?"
            + " UNION SELECT id FROM person WHERE registration_id IN (" + OWN_REGISTRATIONS + ")";

    /** The ids of people seen in another district too (never erased with this one). */
    public static final String PEOPLE_ELSEWHERE = "SELECT m.person_id FROM membership m JOIN section s ON s.id = m.section_id WHERE s.district_id <> ?"
            + " UNION SELECT person_id FROM launch_session WHERE district_id <> ?";

    /** The ids of people seen in this district only: erased with it (people seen in another district too stay). */
    public static final String OWN_PEOPLE = "SELECT id FROM person WHERE id IN (" + PEOPLE + ") AND id NOT IN (" + PEOPLE_ELSEWHERE + ")";

    private DistrictScope() {
    }
}
