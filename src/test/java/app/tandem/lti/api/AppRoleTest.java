package app.tandem.lti.api;

import static app.tandem.lti.api.AppRole.COORDINATOR;
import static app.tandem.lti.api.AppRole.STUDENT;
import static app.tandem.lti.api.AppRole.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppRoleTest {
    private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private static final String SUB_MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership/";
    private static final String INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
    private static final String SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            MEMBERSHIP + "Instructor, TEACHER",
            SUB_MEMBERSHIP + "Instructor#TeachingAssistant, TEACHER",
            SUB_MEMBERSHIP + "Instructor#Grader, TEACHER",
            MEMBERSHIP + "ContentDeveloper, TEACHER",
            SUB_MEMBERSHIP + "ContentDeveloper#ContentExpert, TEACHER",
            MEMBERSHIP + "Administrator, TEACHER",
            "Instructor, TEACHER",
            "TeachingAssistant, TEACHER",
            "ContentDeveloper, TEACHER",
            MEMBERSHIP + "Learner, STUDENT",
            SUB_MEMBERSHIP + "Learner#NonCreditLearner, STUDENT",
            "Learner, STUDENT",
            INSTITUTION + "Administrator, COORDINATOR",
            SYSTEM + "Administrator, COORDINATOR",
            SYSTEM + "SysAdmin, COORDINATOR",
    })
    void mapsOneLtiRole(String ltiRole, AppRole expected) {
        assertThat(AppRole.fromLtiRoles(List.of(ltiRole))).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            MEMBERSHIP + "Mentor",
            MEMBERSHIP + "Member",
            MEMBERSHIP + "Manager",
            INSTITUTION + "Instructor",
            INSTITUTION + "Student",
            INSTITUTION + "Learner",
            INSTITUTION + "Faculty",
            SYSTEM + "User",
            SYSTEM + "Creator",
            "http://purl.imsglobal.org/vocab/lis/v2/institution/person#administrator",
            "urn:lti:role:ims/lis/Instructor",
            "Mentor",
            "instructor",
            "",
    })
    void unknownRolesGiveNothing(String ltiRole) {
        assertThat(AppRole.fromLtiRoles(List.of(ltiRole))).isEmpty();
    }

    @Test
    void principalRoleIsMatchedExactly() {
        assertThat(AppRole.fromLtiRoles(List.of(MEMBERSHIP + "InstructorApplicant"))).isEmpty();
    }

    @Test
    void collectsEveryRoleOfASeveralRoleLaunch() {
        Set<AppRole> roles = AppRole.fromLtiRoles(List.of(
                SUB_MEMBERSHIP + "Instructor#TeachingAssistant", MEMBERSHIP + "Learner", INSTITUTION + "Administrator",
                MEMBERSHIP + "Mentor"));
        assertThat(roles).containsExactlyInAnyOrder(TEACHER, STUDENT, COORDINATOR);
    }

    @Test
    void noRolesAndNullEntries() {
        assertThat(AppRole.fromLtiRoles(List.of())).isEmpty();
        List<String> withNull = new ArrayList<>(Arrays.asList(null, MEMBERSHIP + "Learner"));
        assertThat(AppRole.fromLtiRoles(withNull)).containsExactly(STUDENT);
    }

    @Test
    void encodeDecodeRoundTripForEverySubset() {
        AppRole[] all = AppRole.values();
        for (int mask = 0; mask < 1 << all.length; mask++) {
            Set<AppRole> subset = EnumSet.noneOf(AppRole.class);
            for (int i = 0; i < all.length; i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(all[i]);
                }
            }
            assertThat(AppRole.decode(AppRole.encode(subset))).as("subset %s", subset).isEqualTo(subset);
        }
    }

    @Test
    void encodingIsTheEnumNamesCommaSeparated() {
        assertThat(AppRole.encode(EnumSet.of(TEACHER, COORDINATOR))).isEqualTo("TEACHER,COORDINATOR");
        assertThat(AppRole.encode(EnumSet.noneOf(AppRole.class))).isEmpty();
    }

    @Test
    void decodeToleratesBlankAndSpaces() {
        assertThat(AppRole.decode(null)).isEmpty();
        assertThat(AppRole.decode("")).isEmpty();
        assertThat(AppRole.decode("  ")).isEmpty();
        assertThat(AppRole.decode(" STUDENT , TEACHER ")).containsExactlyInAnyOrder(STUDENT, TEACHER);
    }

    @Test
    void decodeRefusesUnknownNames() {
        assertThatThrownBy(() -> AppRole.decode("TEACHER,ADMIN")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labels() {
        assertThat(TEACHER.label()).isEqualTo("Teacher");
        assertThat(STUDENT.label()).isEqualTo("Student");
        assertThat(COORDINATOR.label()).isEqualTo("eLearning coordinator");
    }
}
