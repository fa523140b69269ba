package app.tandem.coteaching.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.Sections.Section;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkPolicyTest {
    private static final Section P2 = new Section("s-p2", "d1", "canvas", "Canvas", "ctx-2", "Algebra I, period 2", "ALG1-P2");
    private static final Section P5 = new Section("s-p5", "d1", "canvas", "Canvas", "ctx-5", "Algebra I, period 5", "ALG1-P5");
    private static final Section MOODLE = new Section("s-m", "d1", "moodle", "Moodle", "ctx-m", "Algebra I, North High", null);
    private static final Section OTHER_DISTRICT = new Section("s-x", "d2", "canvas", "Canvas", "ctx-x", "Algebra I, elsewhere", null);

    private static Optional<InvalidRequestException> refusal(LinkPolicy policy, Section inviting, Section joining, String invitingGroup, int size,
                                                             String joiningGroup) {
        return policy.refusal(new LinkPolicy.Situation(inviting, joining, invitingGroup, size, joiningGroup, joiningGroup == null ? null : "Group " + joiningGroup));
    }

    @Test
    void defaultsAreSamePlatformGroupsOfFourReadOnlyAndNoStudentNames() {
        LinkPolicy d = LinkPolicy.defaults();
        assertThat(d.allowCrossPlatform()).isFalse();
        assertThat(d.maxGroupSize()).isEqualTo(4);
        assertThat(d.linkedMayEdit()).isFalse();
        assertThat(d.plansMayNameStudents()).isFalse();
    }

    @Test
    void twoSectionsOfOnePlatformMayLink() {
        assertThat(refusal(LinkPolicy.defaults(), P2, P5, null, 0, null)).isEmpty();
        assertThat(refusal(LinkPolicy.defaults(), P2, P5, "g1", 3, null)).isEmpty();
    }

    @Test
    void aSectionCannotLinkWithItself() {
        assertThat(refusal(LinkPolicy.defaults(), P2, P2, null, 0, null)).get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(409)).satisfies(e -> assertThat(e.fields()).containsEntry("sectionId", "same-section"));
    }

    @Test
    void linkingAcrossDistrictsIsAlwaysRefusedWhateverThePolicy() {
        LinkPolicy open = new LinkPolicy(true, 50, true, true, 1);
        assertThat(refusal(open, P2, OTHER_DISTRICT, null, 0, null)).get()
                .satisfies(e -> assertThat(e.status()).isEqualTo(403)).satisfies(e -> assertThat(e.fields()).containsEntry("sectionId", "other-district"));
    }

    @Test
    void acrossPlatformsOnlyWhenTheDistrictAllowsIt() {
        assertThat(refusal(LinkPolicy.defaults(), P2, MOODLE, null, 0, null)).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).contains("Moodle").contains("Canvas").contains("coordinator");
        });
        assertThat(refusal(new LinkPolicy(true, 4, false, false, 1), P2, MOODLE, null, 0, null)).isEmpty();
    }

    @Test
    void theGroupSizeLimitCountsTheJoiningSection() {
        LinkPolicy three = new LinkPolicy(false, 3, false, false, 1);
        assertThat(refusal(three, P2, P5, "g1", 2, null)).isEmpty();
        assertThat(refusal(three, P2, P5, "g1", 3, null)).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).contains("at most 3 sections");
        });
        LinkPolicy two = new LinkPolicy(false, 2, false, false, 1);
        assertThat(refusal(two, P2, P5, null, 0, null)).isEmpty();
        assertThat(refusal(two, P2, P5, "g1", 2, null)).isPresent();
    }

    @Test
    void aSectionInAnotherGroupMustLeaveItFirst() {
        assertThat(refusal(LinkPolicy.defaults(), P2, P5, "g1", 2, "g2")).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).contains("Group g2").contains("leave that group first");
        });
        assertThat(refusal(LinkPolicy.defaults(), P2, P5, null, 0, "g2")).isPresent();
    }

    @Test
    void aSectionAlreadyInTheSameGroupIsAlreadyLinked() {
        assertThat(refusal(LinkPolicy.defaults(), P2, P5, "g1", 2, "g1")).get()
                .satisfies(e -> assertThat(e.fields()).containsEntry("sectionId", "already-linked"));
    }

    @Test
    void coordinatorsChooseGroupSizesFromTwoToFifty() {
        assertThat(LinkPolicy.validated(false, 2, false, false, 0).maxGroupSize()).isEqualTo(2);
        assertThat(LinkPolicy.validated(false, 50, false, false, 0).maxGroupSize()).isEqualTo(50);
        for (Integer bad : new Integer[] {null, 1, 0, -3, 51}) {
            assertThatThrownBy(() -> LinkPolicy.validated(false, bad, false, false, 0)).isInstanceOf(InvalidRequestException.class)
                    .satisfies(e -> assertThat(((InvalidRequestException) e).fields()).containsKey("maxGroupSize"));
        }
    }

    @Test
    void changesAreDescribedForTheLog() {
        LinkPolicy before = LinkPolicy.defaults();
        assertThat(before.changesFrom(before)).isEmpty();
        assertThat(new LinkPolicy(true, 6, true, false, 0).changesFrom(before))
                .isEqualTo("linking across the district's LMSs allowed; largest group 4 \u2192 6 sections; linked teachers may edit each other's course maps");
        assertThat(before.changesFrom(new LinkPolicy(false, 4, false, true, 3))).isEqualTo("plans may not name students");
    }
}
