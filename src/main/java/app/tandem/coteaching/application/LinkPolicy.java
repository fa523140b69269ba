package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.Sections.Section;
import java.util.Map;
import java.util.Optional;

/**
 * A district's co-teaching policy and the rules it puts on a join. Linking is always within one district; the
 * rest is the coordinators' choice.
 *
 * @param allowCrossPlatform   sections of different LMS registrations of the district may be linked (default false)
 * @param maxGroupSize         most sections in one link group (default 4)
 * @param linkedMayEdit        teachers of linked sections may edit each other's course maps (default false)
 * @param plansMayNameStudents co-teaching plans may name students (default false)
 * @param version              optimistic-locking version of the stored policy (0: defaults, never saved)
 */
public record LinkPolicy(boolean allowCrossPlatform, int maxGroupSize, boolean linkedMayEdit, boolean plansMayNameStudents,
                         long version) {
    public static final int DEFAULT_MAX_GROUP_SIZE = 4;
    public static final int SMALLEST_GROUP_LIMIT = 2;
    public static final int LARGEST_GROUP_LIMIT = 50;

    public static LinkPolicy defaults() {
        return new LinkPolicy(false, DEFAULT_MAX_GROUP_SIZE, false, false, 0);
    }

    /** Where the sections stand before the join: the inviting section's group (null: none) and the joining one's. */
    public record Situation(Section inviting, Section joining, String invitingGroupId, int invitingGroupSize,
                            String joiningGroupId, String joiningGroupName) {
    }

    /** Why the joining section may not join the inviting section's group under this policy, or empty. */
    public Optional<InvalidRequestException> refusal(Situation s) {
        if (s.joining().id().equals(s.inviting().id())) {
            return refuse(409, "This code is for " + s.inviting().displayTitle() + " itself. Enter it in another of your sections to link the two.",
                    "sectionId", "same-section");
        }
        if (!s.joining().districtId().equals(s.inviting().districtId())) {
            return refuse(403, "Sections can only be linked within one district.", "sectionId", "other-district");
        }
        if (s.joiningGroupId() != null) {
            if (s.joiningGroupId().equals(s.invitingGroupId())) {
                return refuse(409, s.joining().displayTitle() + " is already linked with " + s.inviting().displayTitle() + ".",
                        "sectionId", "already-linked");
            }
            return refuse(409, s.joining().displayTitle() + " is already in the link group \u201c" + s.joiningGroupName()
                    + "\u201d. A section can be in one link group only: leave that group first, then enter the code again.",
                    "sectionId", "in-another-group");
        }
        if (!allowCrossPlatform && !s.joining().registrationId().equals(s.inviting().registrationId())) {
            return refuse(403, "Your district links sections of the same LMS only, and " + s.joining().displayTitle() + " is in "
                    + s.joining().platformName() + " while the invitation is from " + s.inviting().platformName()
                    + ". Your eLearning coordinator can allow linking across the district's LMSs.", "sectionId", "cross-platform");
        }
        int after = (s.invitingGroupId() == null ? 1 : s.invitingGroupSize()) + 1;
        if (after > maxGroupSize) {
            return refuse(409, "This link group is full: your district allows at most " + maxGroupSize + " sections in a link group.",
                    "code", "group-full");
        }
        return Optional.empty();
    }

    /** A policy as a coordinator entered it; out-of-range values are field errors. */
    public static LinkPolicy validated(boolean allowCrossPlatform, Integer maxGroupSize, boolean linkedMayEdit, boolean plansMayNameStudents,
                                       long version) {
        if (maxGroupSize == null || maxGroupSize < SMALLEST_GROUP_LIMIT || maxGroupSize > LARGEST_GROUP_LIMIT) {
            throw new InvalidRequestException("The largest group size must be a whole number from " + SMALLEST_GROUP_LIMIT + " to "
                    + LARGEST_GROUP_LIMIT + ".", Map.of("maxGroupSize", "a number from " + SMALLEST_GROUP_LIMIT + " to " + LARGEST_GROUP_LIMIT));
        }
        return new LinkPolicy(allowCrossPlatform, maxGroupSize, linkedMayEdit, plansMayNameStudents, version);
    }

    /** What changed from {@code before} to this policy, in words (empty: nothing). */
    public String changesFrom(LinkPolicy before) {
        StringBuilder b = new StringBuilder();
        change(b, before.allowCrossPlatform != allowCrossPlatform, "linking across the district's LMSs " + (allowCrossPlatform ? "allowed" : "refused"));
        change(b, before.maxGroupSize != maxGroupSize, "largest group " + before.maxGroupSize + " \u2192 " + maxGroupSize + " sections");
        change(b, before.linkedMayEdit != linkedMayEdit, "linked teachers " + (linkedMayEdit ? "may" : "may not") + " edit each other's course maps");
        change(b, before.plansMayNameStudents != plansMayNameStudents, "plans " + (plansMayNameStudents ? "may" : "may not") + " name students");
        return b.toString();
    }

    private static void change(StringBuilder b, boolean changed, String text) {
        if (changed) {
            b.append(b.length() == 0 ? "" : "; ").append(text);
        }
    }

    private static Optional<InvalidRequestException> refuse(int status, String message, String field, String reason) {
        return Optional.of(new InvalidRequestException(status, message, Map.of(field, reason)));
    }
}
