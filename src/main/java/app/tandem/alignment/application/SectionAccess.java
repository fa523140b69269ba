package app.tandem.alignment.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.Sections;
import app.tandem.lti.api.Sections.Section;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read or change a section's course map, alignments and reports. Reading: its teachers and students,
 * teachers of a linked section, the district's coordinators. Changing: its teachers, and teachers of a linked
 * section where district policy lets linked teachers edit each other's maps. Students only ever read
 * student-visible content (the callers filter). Another district's section is "not found", never "forbidden".
 */
@ApplicationScoped
public class SectionAccess {
    public enum Level { STUDENT, TEACHER, LINKED_TEACHER, LINKED_EDITOR, COORDINATOR }

    /** The section and how the launch's person relates to it. */
    public record Grant(Section section, Level level) {
        public boolean mayEdit() {
            return level == Level.TEACHER || level == Level.LINKED_EDITOR;
        }

        public boolean teacherView() {
            return level != Level.STUDENT;
        }
    }

    @Inject
    Sections sections;

    @Inject
    Instance<LinkedSections> links;

    public SectionAccess() {
    }

    public SectionAccess(Sections sections, Instance<LinkedSections> links) {
        this.sections = sections;
        this.links = links;
    }

    /** The launch's relation to the section; 404 for unknown sections and other districts, 403 for no relation. */
    public Grant read(LaunchContext launch, String sectionId) {
        Section section = sections.section(sectionId).filter(s -> s.districtId().equals(launch.districtId()))
                .orElseThrow(() -> new InvalidRequestException(404, "There is no such course section in your district.",
                        Map.of("section", "unknown")));
        if (sectionId.equals(launch.sectionId()) && launch.is(AppRole.TEACHER)
                || sections.hasRole(launch.personId(), sectionId, AppRole.TEACHER)) {
            return new Grant(section, Level.TEACHER);
        }
        Optional<LinkedSections.Link> link = linkedThroughTaughtSection(launch, sectionId);
        if (link.isPresent()) {
            return new Grant(section, link.get().mayEditEachOther() ? Level.LINKED_EDITOR : Level.LINKED_TEACHER);
        }
        if (launch.is(AppRole.COORDINATOR)) {
            return new Grant(section, Level.COORDINATOR);
        }
        if (sectionId.equals(launch.sectionId()) && launch.is(AppRole.STUDENT)
                || sections.hasRole(launch.personId(), sectionId, AppRole.STUDENT)) {
            return new Grant(section, Level.STUDENT);
        }
        throw new InvalidRequestException(403, "You are not a teacher or student of this course section.", Map.of("section", "forbidden"));
    }

    /** As {@link #read}, but refuses with 403 unless the person may change the section's course map. */
    public Grant edit(LaunchContext launch, String sectionId) {
        Grant grant = read(launch, sectionId);
        if (!grant.mayEdit()) {
            throw new InvalidRequestException(403, switch (grant.level()) {
                case STUDENT -> "Students can look at the course map but not change it.";
                case LINKED_TEACHER -> "Your district lets teachers of linked sections see, but not change, each other's course maps.";
                default -> "Only the section's teachers can change its course map.";
            }, Map.of("section", "read-only"));
        }
        return grant;
    }

    /** As {@link #read}, but only for teachers (own or linked sections) and coordinators: no student view. */
    public Grant teacherRead(LaunchContext launch, String sectionId) {
        Grant grant = read(launch, sectionId);
        if (!grant.teacherView()) {
            throw new InvalidRequestException(403, "This page is for the course's teachers.", Map.of("section", "teachers-only"));
        }
        return grant;
    }

    /** Coordinators of the launch's district only. */
    public void requireCoordinator(LaunchContext launch) {
        if (!launch.is(AppRole.COORDINATOR)) {
            throw new InvalidRequestException(403, "Only your district's eLearning coordinators can see this.", Map.of("role", "coordinator"));
        }
    }

    /** The link group of the section, if co-teaching is installed and the section is linked. */
    public Optional<LinkedSections.Link> linkOf(String sectionId) {
        return links.isResolvable() ? links.get().linkOf(sectionId) : Optional.empty();
    }

    private Optional<LinkedSections.Link> linkedThroughTaughtSection(LaunchContext launch, String sectionId) {
        if (!launch.is(AppRole.TEACHER) && sections.taughtBy(launch.personId()).isEmpty()) {
            return Optional.empty();
        }
        return linkOf(sectionId).filter(link -> link.sectionIds().stream().anyMatch(s -> !s.equals(sectionId)
                && (s.equals(launch.sectionId()) && launch.is(AppRole.TEACHER)
                || sections.hasRole(launch.personId(), s, AppRole.TEACHER))));
    }
}
