package app.tandem.lti.application;

import static app.tandem.lti.api.AppRole.COORDINATOR;
import static app.tandem.lti.api.AppRole.STUDENT;
import static app.tandem.lti.api.AppRole.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tandem.lti.api.AppRole;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The role a launch opens Tandem as ({@link MessageLaunch#primaryRole}). */
class MessageLaunchPrimaryRoleTest {

    private static ValidatedLaunch launch(boolean inCourse) {
        return new ValidatedLaunch("https://lms.example.edu", "client", "dep", IdTokenValidator.RESOURCE_LINK_REQUEST,
                "user-1", null, null, null, null, List.of("r1", "r2"), inCourse ? "course-1" : null, null, null,
                "link-1", null, null, null, Map.of(), null, null, null, List.of(),
                Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:05:00Z"));
    }

    private static AppRole primary(boolean inCourse, AppRole... roles) {
        Set<AppRole> set = EnumSet.noneOf(AppRole.class);
        set.addAll(List.of(roles));
        return MessageLaunch.primaryRole(launch(inCourse), set);
    }

    private static void assertRejected(boolean inCourse, Rejection reason, AppRole... roles) {
        assertThatThrownBy(() -> primary(inCourse, roles))
                .isInstanceOfSatisfying(LaunchRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void teacherInACourse() {
        assertThat(primary(true, TEACHER)).isEqualTo(TEACHER);
    }

    @Test
    void teacherOutranksCoordinatorAndStudentInACourse() {
        assertThat(primary(true, TEACHER, COORDINATOR, STUDENT)).isEqualTo(TEACHER);
        assertThat(primary(true, TEACHER, STUDENT)).isEqualTo(TEACHER);
    }

    @Test
    void coordinatorOutranksStudentInACourse() {
        assertThat(primary(true, COORDINATOR, STUDENT)).isEqualTo(COORDINATOR);
    }

    @Test
    void studentInACourse() {
        assertThat(primary(true, STUDENT)).isEqualTo(STUDENT);
    }

    @Test
    void coordinatorOutsideACourse() {
        assertThat(primary(false, COORDINATOR)).isEqualTo(COORDINATOR);
    }

    @Test
    void coordinatorWithACourseRoleOutsideACourse() {
        assertThat(primary(false, TEACHER, COORDINATOR)).isEqualTo(COORDINATOR);
        assertThat(primary(false, STUDENT, COORDINATOR)).isEqualTo(COORDINATOR);
    }

    @Test
    void courseRoleWithoutACourse() {
        assertRejected(false, Rejection.MISSING_CONTEXT, TEACHER);
        assertRejected(false, Rejection.MISSING_CONTEXT, STUDENT);
        assertRejected(false, Rejection.MISSING_CONTEXT, TEACHER, STUDENT);
    }

    @Test
    void noTandemRole() {
        assertRejected(true, Rejection.NO_TANDEM_ROLE);
        assertRejected(false, Rejection.NO_TANDEM_ROLE);
    }
}
