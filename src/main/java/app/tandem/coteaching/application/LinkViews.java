package app.tandem.coteaching.application;

import app.tandem.lti.api.Sections.Section;
import java.time.OffsetDateTime;
import java.util.List;

/** What the link services return to pages and the API. */
public final class LinkViews {
    private LinkViews() {
    }

    /** A live link group and its sections, by the time they joined. */
    public record Group(String id, String districtId, String name, OffsetDateTime createdAt, List<Member> sections) {
        public List<String> sectionIds() {
            return sections.stream().map(m -> m.section().id()).toList();
        }

        public boolean contains(String sectionId) {
            return sections.stream().anyMatch(m -> m.section().id().equals(sectionId));
        }
    }

    /** A section in a group. */
    public record Member(Section section, OffsetDateTime joinedAt) {
    }

    /**
     * A teacher of a linked section.
     *
     * @param roles        Tandem roles in the section (from launches and the LMS roster)
     * @param openedTandem the person launched Tandem in this section (else known from the LMS roster only)
     */
    public record CoTeacher(String personId, String name, List<String> roles, boolean openedTandem) {
    }

    /** A section of a group with its teachers. */
    public record SectionTeachers(Section section, OffsetDateTime joinedAt, List<CoTeacher> teachers) {
    }

    public enum InvitationStatus { OPEN, USED, REVOKED, EXPIRED }

    public record Invitation(String id, String sectionId, String label, String createdByName, OffsetDateTime createdAt,
                             OffsetDateTime expiresAt, InvitationStatus status, OffsetDateTime usedAt) {
    }

    /** A new invitation and its code (shown this once, never stored). */
    public record NewInvitation(Invitation invitation, String code) {
    }

    /**
     * What entering a code would do.
     *
     * @param groupName the inviting section's group, or null when the join would create one
     * @param sizeAfter sections in the group after the join
     */
    public record Preview(Section inviting, Section joining, String groupName, int sizeAfter, List<String> invitingTeachers) {
    }
}
