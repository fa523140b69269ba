package app.tandem.lti.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What a person may do in Tandem, derived from their LTI roles. */
public enum AppRole {
    TEACHER("Teacher"),
    STUDENT("Student"),
    COORDINATOR("eLearning coordinator");

    private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private static final String INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
    private static final String SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

    private final String label;

    AppRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Maps LTI role URIs: context Instructor, TeachingAssistant, ContentDeveloper (and context Administrator) to
     * teacher; Learner to student; institution or system Administrator to coordinator. Sub-roles such as
     * {@code membership/Instructor#TeachingAssistant} count as their principal role.
     */
    public static Set<AppRole> fromLtiRoles(List<String> roles) {
        Set<AppRole> result = EnumSet.noneOf(AppRole.class);
        for (String role : roles) {
            if (role == null) {
                continue;
            }
            if (role.equals(MEMBERSHIP + "Instructor") || role.startsWith("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#")
                    || role.equals(MEMBERSHIP + "ContentDeveloper") || role.startsWith("http://purl.imsglobal.org/vocab/lis/v2/membership/ContentDeveloper#")
                    || role.equals(MEMBERSHIP + "Administrator")
                    || role.equals("Instructor") || role.equals("TeachingAssistant") || role.equals("ContentDeveloper")) {
                result.add(TEACHER);
            } else if (role.equals(MEMBERSHIP + "Learner") || role.startsWith("http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#")
                    || role.equals("Learner")) {
                result.add(STUDENT);
            } else if (role.equals(INSTITUTION + "Administrator") || role.equals(SYSTEM + "Administrator")
                    || role.equals(SYSTEM + "SysAdmin")) {
                result.add(COORDINATOR);
            }
        }
        return result;
    }

    public static String encode(Set<AppRole> roles) {
        return String.join(",", roles.stream().map(Enum::name).toList());
    }

    public static Set<AppRole> decode(String encoded) {
        Set<AppRole> result = EnumSet.noneOf(AppRole.class);
        if (encoded != null && !encoded.isBlank()) {
            for (String s : encoded.split(",")) {
                result.add(AppRole.valueOf(s.strip()));
            }
        }
        return result;
    }
}
