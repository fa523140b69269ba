package app.tandem.lti.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** A section's roster from LTI Names and Role Provisioning Services 2.0, stored by Tandem. */
public interface Rosters {

    record Member(String subject, String name, String email, Set<AppRole> roles, String status, boolean launchedTandem) {
        public boolean active() {
            return "Active".equalsIgnoreCase(status);
        }
    }

    /**
     * @param serviceOffered whether the LMS offered NRPS for this section in a launch
     * @param syncedAt       when the roster was last read from the LMS (null: never)
     */
    record Roster(boolean serviceOffered, OffsetDateTime syncedAt, List<Member> members) {
        public long count(AppRole role) {
            return members.stream().filter(m -> m.active() && m.roles().contains(role)).count();
        }

        public List<Member> teachers() {
            return members.stream().filter(m -> m.active() && m.roles().contains(AppRole.TEACHER)).toList();
        }
    }

    /** The stored roster (people seen in launches, plus those read from NRPS). */
    Roster roster(String sectionId);

    /**
     * Reads the whole roster from the LMS (all pages) and stores it, unless it was read less than the refresh
     * interval ago and {@code force} is false.
     *
     * @throws PlatformServiceException when the LMS does not offer NRPS or the call fails
     */
    Roster refresh(String sectionId, boolean force);

    /** Members straight from the LMS, optionally filtered by role URI and resource link id; not stored. */
    List<Member> query(String sectionId, String roleFilter, String resourceLinkId);
}
