package app.tandem.alignment.application;

import app.tandem.alignment.domain.SectionSettingsEntity;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.FrameworkRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A section's grades, subjects and frameworks. Unless its teachers picked frameworks, a section uses the district's
 * enabled frameworks whose grades and subjects match the section's (all enabled frameworks when the section's
 * grades and subjects are not known yet). Alignments, suggestions and coverage stay within these frameworks.
 */
@ApplicationScoped
public class CourseSettings {
    private static final Pattern GRADE = Pattern.compile("PK|KG|0[1-9]|1[0-3]|IT|PR|TK|PS|UG|Other");

    /**
     * @param chosenFrameworkIds the teachers' choice (empty: defaults)
     * @param frameworks         the frameworks in effect, by title
     */
    public record Settings(String sectionId, Set<String> grades, Set<String> subjects, Set<String> chosenFrameworkIds,
                           String school, long version, List<FrameworkRef> frameworks) {
        public boolean usesFramework(String frameworkId) {
            return frameworks.stream().anyMatch(f -> f.id().equals(frameworkId));
        }

        public boolean defaults() {
            return chosenFrameworkIds.isEmpty();
        }
    }

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    StandardsCatalog catalog;

    /** The settings of a section of the district (defaults when none were saved). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Settings of(String districtId, String sectionId) {
        SectionSettingsEntity e = em.find(SectionSettingsEntity.class, sectionId);
        Set<String> grades = e == null ? Set.of() : split(e.grades);
        Set<String> subjects = e == null ? Set.of() : split(e.subjects);
        Set<String> chosen = e == null ? Set.of() : split(e.frameworkIds);
        List<FrameworkRef> effective = effectiveFrameworks(catalog.enabledFrameworks(districtId), grades, subjects, chosen);
        return new Settings(sectionId, grades, subjects, chosen, e == null ? null : e.school, e == null ? 0 : e.version, effective);
    }

    /**
     * Saves a section's settings; the caller has checked the person may edit the section.
     *
     * @param expectedVersion the version the form was rendered with (optimistic locking), or null to skip the check
     */
    @Transactional
    public Settings save(LaunchContext launch, SectionAccess.Grant grant, Set<String> grades, Set<String> subjects,
                         Set<String> frameworkIds, String school, Long expectedVersion) {
        if (!grant.mayEdit()) {
            throw new InvalidRequestException(403, "Only the section's teachers can change its settings.", Map.of("section", "read-only"));
        }
        String districtId = grant.section().districtId();
        List<String> badGrades = grades.stream().filter(g -> !GRADE.matcher(g).matches()).toList();
        if (!badGrades.isEmpty()) {
            throw new InvalidRequestException("Unknown grade " + badGrades.get(0) + ": use KG, 01 … 12 (or PK, IT, PR, TK, PS, UG, Other).",
                    Map.of("grades", "unknown"));
        }
        Set<String> enabled = new LinkedHashSet<>();
        catalog.enabledFrameworks(districtId).forEach(f -> enabled.add(f.id()));
        List<String> unknown = frameworkIds.stream().filter(id -> !enabled.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("That framework is not enabled for your district: ask your eLearning coordinator to enable it.",
                    Map.of("frameworks", "not-enabled"));
        }
        if (subjects.stream().anyMatch(s -> s.length() > 100) || school != null && school.length() > 300) {
            throw new InvalidRequestException("Subjects are at most 100 characters, the school at most 300.", Map.of("subjects", "too-long"));
        }
        String sectionId = grant.section().id();
        SectionSettingsEntity e = em.find(SectionSettingsEntity.class, sectionId);
        if (e == null) {
            e = new SectionSettingsEntity();
            e.sectionId = sectionId;
            e.districtId = districtId;
            em.persist(e);
        } else if (expectedVersion != null && expectedVersion != e.version) {
            throw new InvalidRequestException(409, "Someone else changed this section's settings since you opened them. Reload to see their changes.",
                    Map.of("version", "stale"));
        }
        e.grades = join(grades);
        e.subjects = join(subjects);
        e.frameworkIds = join(frameworkIds);
        e.school = school == null || school.isBlank() ? null : school.strip();
        e.updatedBy = launch.personId();
        e.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.flush();
        return of(districtId, sectionId);
    }

    /** Records the school or sub-account the LMS told in a launch (custom parameter), without touching the rest. */
    @Transactional
    public void rememberSchool(String districtId, String sectionId, String school) {
        if (school == null || school.isBlank() || sectionId == null) {
            return;
        }
        String cut = school.strip().length() > 300 ? school.strip().substring(0, 300) : school.strip();
        SectionSettingsEntity e = em.find(SectionSettingsEntity.class, sectionId);
        if (e == null) {
            e = new SectionSettingsEntity();
            e.sectionId = sectionId;
            e.districtId = districtId;
            e.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            e.school = cut;
            em.persist(e);
        } else if (!cut.equals(e.school)) {
            e.school = cut;
        }
    }

    /** The frameworks in effect among the district's enabled ones: the chosen ones, else those matching grades and subjects. */
    public static List<FrameworkRef> effectiveFrameworks(List<FrameworkRef> enabled, Set<String> grades, Set<String> subjects,
                                                         Set<String> chosen) {
        return chosen.isEmpty()
                ? enabled.stream().filter(f -> matches(f, grades, subjects)).toList()
                : enabled.stream().filter(f -> chosen.contains(f.id())).toList();
    }

    private static boolean matches(FrameworkRef f, Set<String> grades, Set<String> subjects) {
        boolean gradeOk = grades.isEmpty() || f.enabledGrades().isEmpty() || f.enabledGrades().stream().anyMatch(grades::contains);
        boolean subjectOk = subjects.isEmpty() || subjectsOf(f).isEmpty() || subjectsOf(f).stream().anyMatch(s -> subjects.stream()
                .anyMatch(t -> t.equalsIgnoreCase(s)));
        return gradeOk && subjectOk;
    }

    private static Set<String> subjectsOf(FrameworkRef f) {
        if (!f.enabledSubjects().isEmpty()) {
            return f.enabledSubjects();
        }
        return f.subjects() == null ? Set.of() : split(f.subjects().toLowerCase(Locale.ROOT).replace('|', ','));
    }

    static Set<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(result::add);
        return result;
    }

    private static String join(Set<String> values) {
        List<String> list = new ArrayList<>(values.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
        return list.isEmpty() ? null : String.join(",", list);
    }
}
