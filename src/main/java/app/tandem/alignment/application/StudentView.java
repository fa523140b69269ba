package app.tandem.alignment.application;

import app.tandem.alignment.application.LearnModel.Notice;
import app.tandem.alignment.application.LearnModel.ResourcePage;
import app.tandem.alignment.application.LearnModel.Standard;
import app.tandem.alignment.application.LearnModel.Statements;
import app.tandem.alignment.application.LearnModel.Unit;
import app.tandem.alignment.application.LearnModel.UnitPage;
import app.tandem.alignment.application.LearnModel.View;
import app.tandem.alignment.domain.StudentViewStore;
import app.tandem.alignment.domain.StudentViewStore.AlignedRow;
import app.tandem.alignment.domain.StudentViewStore.ItemRow;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.LicenceNotices;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.FrameworkRef;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The student view of a section: its standards in plain language with the student-visible resources aligned to
 * each, by unit — for the section's students, and for its teachers (and coordinators) as a preview. Also the pages
 * that placed links open: one resource with its standards, one unit's standards. Never notes, never items hidden
 * from students, nothing about other students.
 */
@ApplicationScoped
public class StudentView {
    private static final int MAX_ID = 64;

    @Inject
    StudentViewStore store;

    @Inject
    StandardsCatalog catalog;

    @Inject
    SectionAccess access;

    /** What the launch's own section teaches (students' home). */
    public View ofLaunch(LaunchContext launch) {
        if (!launch.hasSection()) {
            throw new InvalidRequestException(400, "Open Tandem from a course to see what its students are learning.", Map.of("section", "none"));
        }
        return view(launch, launch.sectionId());
    }

    /** The student view of a section for anyone who may read it (its students, teachers, linked teachers, coordinators). */
    public View view(LaunchContext launch, String sectionId) {
        SectionAccess.Grant grant = access.read(launch, sectionId);
        return build(grant);
    }

    /** The same content for the section's teachers and coordinators only ("what your students see"). */
    public View preview(LaunchContext launch, String sectionId) {
        return build(access.teacherRead(launch, sectionId));
    }

    /** Whether the launch sees a section as one of its teachers (own or linked) or a coordinator. */
    public boolean teacherView(LaunchContext launch, String sectionId) {
        return access.read(launch, sectionId).teacherView();
    }

    private View build(SectionAccess.Grant grant) {
        String districtId = grant.section().districtId();
        String sectionId = grant.section().id();
        List<AlignedRow> rows = store.alignments(sectionId, true);
        Map<String, StandardRef> refs = refs(districtId, rows);
        List<Unit> units = LearnModel.units(rows, refs, statements(districtId, sectionId, rows));
        return new View(sectionId, grant.section().displayTitle(), units, notices(districtId, units.stream()
                .flatMap(u -> u.standards().stream()).toList()));
    }

    /**
     * A placed resource of the launch's section with the standards it is aligned to. Students only reach
     * student-visible resources; notes and items of other sections are "not found".
     */
    public ResourcePage resource(LaunchContext launch, String itemId) {
        SectionAccess.Grant grant = launchSection(launch);
        String sectionId = grant.section().id();
        ItemRow item = validId(itemId) ? store.item(sectionId, itemId).orElse(null) : null;
        if (item == null || item.note() || !grant.teacherView() && !LearnModel.forStudents(item)) {
            throw notFound("This resource is not in this course any more, or it is not shared with students.");
        }
        String districtId = grant.section().districtId();
        List<AlignedRow> rows = store.alignments(sectionId, false).stream().filter(r -> r.item().itemId().equals(itemId)).toList();
        Map<String, StandardRef> refs = refs(districtId, rows);
        List<Standard> standards = LearnModel.standardsOf(itemId, rows, refs, statements(districtId, sectionId, rows));
        return new ResourcePage(sectionId, LearnModel.resource(item), item.unitId(), item.unitTitle(), standards,
                notices(districtId, standards));
    }

    /** A unit of the launch's section with its standards and the student-visible resources aligned to them. */
    public UnitPage unit(LaunchContext launch, String unitId) {
        SectionAccess.Grant grant = launchSection(launch);
        String sectionId = grant.section().id();
        StudentViewStore.UnitRow unit = validId(unitId) ? store.unit(sectionId, unitId).orElse(null) : null;
        if (unit == null) {
            throw notFound("This unit is not in this course any more.");
        }
        String districtId = grant.section().districtId();
        List<AlignedRow> rows = store.alignments(sectionId, true).stream().filter(r -> r.item().unitId().equals(unitId)).toList();
        Map<String, StandardRef> refs = refs(districtId, rows);
        List<Unit> units = LearnModel.units(rows, refs, statements(districtId, sectionId, rows));
        Unit shown = units.isEmpty() ? new Unit(unit.id(), unit.title(), unit.description(), List.of()) : units.get(0);
        return new UnitPage(sectionId, shown, notices(districtId, shown.standards()));
    }

    /** The launch's own section, as the launch sees it. */
    public SectionAccess.Grant launchSection(LaunchContext launch) {
        if (!launch.hasSection()) {
            throw notFound("This link belongs to a course: open it from the course in your LMS.");
        }
        return access.read(launch, launch.sectionId());
    }

    // ---- shared with the statements and deep-linking services ----------------------------------------------

    Map<String, StandardRef> refs(String districtId, Collection<AlignedRow> rows) {
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.standardId()));
        return catalog.standards(districtId, ids);
    }

    Statements statements(String districtId, String sectionId, List<AlignedRow> rows) {
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.standardId()));
        if (ids.isEmpty()) {
            return Statements.NONE;
        }
        return new Statements(store.statements(districtId, sectionId, ids), store.statements(districtId, StudentViewStore.DISTRICT_SCOPE, ids));
    }

    /** The licence notices of the frameworks whose statements are shown (CCSS requires its notice wherever they are). */
    List<Notice> notices(String districtId, List<Standard> standards) {
        Map<String, Notice> notices = new LinkedHashMap<>();
        Map<String, FrameworkRef> enabled = new LinkedHashMap<>();
        catalog.enabledFrameworks(districtId).forEach(f -> enabled.put(f.id(), f));
        for (Standard s : standards) {
            if (s.frameworkId() != null && !notices.containsKey(s.frameworkId())) {
                notice(enabled.get(s.frameworkId()), s.frameworkTitle()).ifPresent(n -> notices.put(s.frameworkId(), n));
            }
        }
        return new ArrayList<>(notices.values());
    }

    /** A framework's own notice, else the notice its title calls for (a framework disabled since it was aligned). */
    static Optional<Notice> notice(FrameworkRef framework, String frameworkTitle) {
        String title = framework != null ? framework.title() : frameworkTitle;
        if (framework != null && framework.hasLicence()) {
            return Optional.of(new Notice(title, framework.licenceTitle(), framework.licenceText()));
        }
        return title == null ? Optional.empty() : LicenceNotices.forFramework(title, null, null).map(n -> new Notice(title, n.title(), n.text()));
    }

    static boolean validId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID;
    }

    static InvalidRequestException notFound(String message) {
        return new InvalidRequestException(404, message, Map.of("target", "not-found"));
    }
}
