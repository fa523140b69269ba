package app.tandem.demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sample district's people and course sections. */
public final class DemoData {
    static final String DISTRICT_ID = "00000000-0000-4000-8000-00000000d001";
    static final String DISTRICT_NAME = "Riverside Unified School District (demo)";
    static final String CLIENT_ID = "tandem-demo-client";
    static final String DEPLOYMENT_ID = "demo-deployment-1";

    static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    static final String INSTITUTION_ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";

    public record Person(String id, String givenName, String familyName, String email) {
        public String name() {
            return givenName + " " + familyName;
        }
    }

    public record Course(String id, String title, String label, String teacherId, String coTeacherId, String studentId) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person("rivera", "Maria", "Rivera", "maria.rivera@riverside.example"),
            new Person("chen", "David", "Chen", "david.chen@riverside.example"),
            new Person("ava", "Ava", "Johnson", "ava.johnson@students.riverside.example"),
            new Person("ben", "Ben", "Okoro", "ben.okoro@students.riverside.example"),
            new Person("okafor", "Grace", "Okafor", "grace.okafor@riverside.example"));

    static final List<Course> COURSES = List.of(
            new Course("alg1-p2", "Algebra I — Period 2", "ALG1-P2", "rivera", null, "ava"),
            new Course("alg1-p5", "Algebra I — Period 5 (co-taught)", "ALG1-P5", "rivera", "chen", "ben"));

    static final String COORDINATOR_ID = "okafor";

    /** Learners who never opened Tandem but are on the course roster (the LMS's NRPS service lists them). */
    static final Map<String, List<Person>> ROSTER_ONLY = Map.of(
            "alg1-p2", List.of(new Person("liam", "Liam", "Nguyen", "liam.nguyen@students.riverside.example"),
                    new Person("sofia", "Sofia", "Martinez", "sofia.martinez@students.riverside.example"),
                    new Person("noah", "Noah", "Kim", "noah.kim@students.riverside.example")),
            "alg1-p5", List.of(new Person("mia", "Mia", "Patel", "mia.patel@students.riverside.example"),
                    new Person("ethan", "Ethan", "Brown", "ethan.brown@students.riverside.example")));

    /** Everyone on a course's roster with their LTI role URI. */
    static List<Map.Entry<Person, String>> roster(Course course) {
        List<Map.Entry<Person, String>> all = new java.util.ArrayList<>();
        person(course.teacherId()).ifPresent(p -> all.add(Map.entry(p, INSTRUCTOR)));
        if (course.coTeacherId() != null) {
            person(course.coTeacherId()).ifPresent(p -> all.add(Map.entry(p, INSTRUCTOR)));
        }
        person(course.studentId()).ifPresent(p -> all.add(Map.entry(p, LEARNER)));
        ROSTER_ONLY.getOrDefault(course.id(), List.of()).forEach(p -> all.add(Map.entry(p, LEARNER)));
        return all;
    }

    /** Which roles the demo offers on a course page. */
    static final Map<String, String> ROLE_LABELS = Map.of("teacher", "Teacher", "student", "Student", "coordinator", "Coordinator");

    private DemoData() {
    }

    static Optional<Person> person(String id) {
        return PEOPLE.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    static Optional<Course> course(String id) {
        return COURSES.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
