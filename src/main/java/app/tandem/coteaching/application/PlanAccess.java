package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.application.PlanViews.Group;
import app.tandem.coteaching.domain.GroupStore;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.Sections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what with a link group's plans: the teachers of any of its sections read and change them; the
 * district's coordinators read them (reports); nobody else learns that they exist (404). Students reach only the
 * published agendas of their own section, through {@link Plans#agenda}.
 */
@ApplicationScoped
public class PlanAccess {
    @Inject
    Sections sections;

    @Inject
    GroupStore groups;

    /** Whether the launch's person teaches any section of the group (in the launch's district). */
    public boolean teaches(LaunchContext launch, GroupStore.Group g) {
        if (!g.districtId().equals(launch.districtId())) {
            return false;
        }
        for (String s : g.sectionIds()) {
            if (s.equals(launch.sectionId()) && launch.is(AppRole.TEACHER) || sections.hasRole(launch.personId(), s, AppRole.TEACHER)) {
                return true;
            }
        }
        return false;
    }

    /** The live link group of the launch's section, for its teachers; empty when the section is not linked. */
    public Optional<GroupStore.Group> launchGroup(LaunchContext launch) {
        requireTeacher(launch);
        return groups.liveGroupOf(launch.sectionId()).filter(g -> teaches(launch, g));
    }

    public void requireTeacher(LaunchContext launch) {
        if (!launch.is(AppRole.TEACHER)) {
            throw new InvalidRequestException(403, "Co-teaching plans are for the teachers of linked sections.", Map.of("role", "teacher"));
        }
    }

    /** A group the launch's person teaches in, for planning; 404 otherwise (no information about other groups). */
    public GroupStore.Group teacherGroup(LaunchContext launch, String groupId) {
        GroupStore.Group g = groups.group(groupId).filter(x -> teaches(launch, x))
                .orElseThrow(() -> new InvalidRequestException(404, "There is no such link group among your sections.", Map.of("groupId", "unknown")));
        if (!g.live()) {
            throw new InvalidRequestException(409, "This link group was dissolved: its plans can be read but not changed.", Map.of("groupId", "dissolved"));
        }
        return g;
    }

    /** The live groups of every section the person teaches (the launch's first). */
    public List<GroupStore.Group> groupsTaughtBy(LaunchContext launch) {
        Set<String> sectionIds = new LinkedHashSet<>();
        if (launch.is(AppRole.TEACHER) && launch.sectionId() != null) {
            sectionIds.add(launch.sectionId());
        }
        sections.taughtBy(launch.personId()).forEach(s -> sectionIds.add(s.id()));
        Map<String, GroupStore.Group> out = new LinkedHashMap<>();
        for (String s : sectionIds) {
            groups.liveGroupOf(s).filter(g -> g.districtId().equals(launch.districtId())).ifPresent(g -> out.putIfAbsent(g.id(), g));
        }
        return new ArrayList<>(out.values());
    }

    /** The group with its sections and teachers, for pages. */
    public Group describe(GroupStore.Group g) {
        List<Sections.Section> list = new ArrayList<>();
        Map<String, Sections.Person> teachers = new LinkedHashMap<>();
        for (String s : g.sectionIds()) {
            sections.section(s).ifPresent(list::add);
            sections.members(s, AppRole.TEACHER).forEach(p -> teachers.putIfAbsent(p.id(), p));
        }
        List<Sections.Person> sorted = new ArrayList<>(teachers.values());
        sorted.sort(java.util.Comparator.comparing((Sections.Person p) -> p.name() == null ? "" : p.name()).thenComparing(Sections.Person::id));
        return new Group(g.id(), g.districtId(), g.name(), g.live(), list, sorted);
    }

    /** Names of the students of the group's sections (for the student-name check). */
    public List<String> studentNames(GroupStore.Group g) {
        Set<String> names = new LinkedHashSet<>();
        for (String s : g.sectionIds()) {
            sections.members(s, AppRole.STUDENT).forEach(p -> {
                if (p.name() != null && !p.name().isBlank()) {
                    names.add(p.name().strip());
                }
            });
        }
        return new ArrayList<>(names);
    }
}
