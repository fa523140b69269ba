package app.tandem.alignment.application;

import app.tandem.alignment.application.LearnModel.Notice;
import app.tandem.alignment.application.LearnModel.Standard;
import app.tandem.alignment.application.LearnModel.Statements;
import app.tandem.alignment.domain.StudentViewStore;
import app.tandem.alignment.domain.StudentViewStore.AlignedRow;
import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.FrameworkRef;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writing "I can…" statements: a section's teachers for the standards aligned in their course map (section scope),
 * coordinators for any standard of the district's enabled frameworks (district scope). Students read the section's
 * statement, else the district's, else the official statement ({@link StatementChoice}).
 */
@ApplicationScoped
public class StudentStatements {
    public static final int PAGE_SIZE = 25;
    /** More fields than any page shows: a form this big is not ours. */
    private static final int MAX_FIELDS = 2_000;

    @Inject
    StudentViewStore store;

    @Inject
    StandardsCatalog catalog;

    @Inject
    SectionAccess access;

    @Inject
    StudentView view;

    @Inject
    AuditTrail audit;

    /** One standard in a statements form: the official wording, what the other scope says, what this scope says. */
    public record Row(String standardId, String code, String shortCode, String frameworkTitle, String official, String district,
                      String section) {
    }

    public record SectionForm(String sectionId, String sectionTitle, boolean mayEdit, List<Row> rows, List<Notice> notices) {
    }

    /**
     * @param framework null when the district has no enabled framework
     * @param total     standards matching the filter
     */
    public record DistrictForm(List<FrameworkRef> frameworks, FrameworkRef framework, String q, int page, int pages, int total,
                               List<Row> rows, List<Notice> notices) {
    }

    /** Field problems of a submitted form, by standard id (too long) — nothing was saved. */
    public static class Rejected extends InvalidRequestException {
        public Rejected(String message, Map<String, String> fields) {
            super(400, message, fields);
        }
    }

    // ---- section scope (teachers) --------------------------------------------------------------------------

    /** The section's aligned standards (any item, also hidden ones: teachers prepare before they share). */
    public SectionForm sectionForm(LaunchContext launch, String sectionId) {
        SectionAccess.Grant grant = access.teacherRead(launch, sectionId);
        String districtId = grant.section().districtId();
        List<AlignedRow> rows = store.alignments(sectionId, false);
        Map<String, StandardRef> refs = view.refs(districtId, rows);
        Statements statements = view.statements(districtId, sectionId, rows);
        Map<String, Row> byStandard = new LinkedHashMap<>();
        List<Standard> shown = new ArrayList<>();
        for (AlignedRow r : rows) {
            if (!byStandard.containsKey(r.standardId())) {
                Standard s = LearnModel.standard(r, refs, statements, List.of());
                shown.add(s);
                byStandard.put(r.standardId(), new Row(s.standardId(), s.code(), s.shortCode(), s.frameworkTitle(), s.official(),
                        statements.district().get(s.standardId()), statements.section().get(s.standardId())));
            }
        }
        return new SectionForm(sectionId, grant.section().displayTitle(), grant.mayEdit(), List.copyOf(byStandard.values()),
                view.notices(districtId, shown));
    }

    /**
     * Saves the submitted statements (standard id → text; blank removes the section's statement). Every standard
     * must be aligned in the section; texts longer than {@link StatementChoice#MAX_LENGTH} refuse the whole form.
     *
     * @return how many statements changed
     */
    public int saveSection(LaunchContext launch, String sectionId, Map<String, String> submitted) {
        SectionAccess.Grant grant = access.edit(launch, sectionId);
        String districtId = grant.section().districtId();
        List<String> aligned = store.alignments(sectionId, false).stream().map(AlignedRow::standardId).distinct().toList();
        return save(districtId, sectionId, submitted, aligned, "is not aligned to anything in this course", launch.personId());
    }

    // ---- district scope (coordinators) ---------------------------------------------------------------------

    /** One page of a framework's standards with the district's statements; the first enabled framework by default. */
    public DistrictForm districtForm(LaunchContext launch, String frameworkId, String q, Integer page) {
        access.requireCoordinator(launch);
        String districtId = launch.districtId();
        List<FrameworkRef> frameworks = catalog.enabledFrameworks(districtId);
        if (frameworks.isEmpty()) {
            return new DistrictForm(frameworks, null, q, 1, 1, 0, List.of(), List.of());
        }
        FrameworkRef framework = frameworkId == null || frameworkId.isBlank() ? frameworks.get(0)
                : frameworks.stream().filter(f -> f.id().equals(frameworkId)).findFirst()
                .orElseThrow(() -> new InvalidRequestException(404, "That framework is not enabled in your district.", Map.of("framework", "unknown")));
        String filter = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        if (filter.length() > 200) {
            throw new InvalidRequestException("The filter is at most 200 characters.", Map.of("q", "too-long"));
        }
        List<StandardRef> all = targets(districtId, framework).stream()
                .filter(s -> filter.isEmpty() || contains(s.code(), filter) || contains(s.statement(), filter)).toList();
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = page == null || page < 1 ? 1 : Math.min(page, pages);
        List<StandardRef> slice = all.subList((p - 1) * PAGE_SIZE, Math.min(all.size(), p * PAGE_SIZE));
        Map<String, String> district = store.statements(districtId, StudentViewStore.DISTRICT_SCOPE, slice.stream().map(StandardRef::id).toList());
        List<Row> rows = slice.stream().map(s -> new Row(s.id(), s.code(), shortCode(s.code()), framework.title(), s.statement(),
                district.get(s.id()), null)).toList();
        List<Notice> notices = StudentView.notice(framework, framework.title()).map(List::of).orElse(List.of());
        return new DistrictForm(frameworks, framework, q == null ? "" : q.strip(), p, pages, all.size(), rows, notices);
    }

    /** Saves district-wide statements for standards of one enabled framework; blank removes one. */
    public int saveDistrict(LaunchContext launch, String frameworkId, Map<String, String> submitted) {
        access.requireCoordinator(launch);
        String districtId = launch.districtId();
        FrameworkRef framework = catalog.enabledFramework(districtId, frameworkId == null ? "" : frameworkId)
                .orElseThrow(() -> new InvalidRequestException(404, "That framework is not enabled in your district.", Map.of("framework", "unknown")));
        List<String> known = catalog.outline(districtId, framework.id()).items().stream().map(StandardRef::id).toList();
        return audit.together(() -> {
            int changed = save(districtId, StudentViewStore.DISTRICT_SCOPE, submitted, known, "is not a standard of " + framework.title(),
                    launch.personId());
            if (changed > 0) {
                audit.record(districtId, AuditTrail.Actor.coordinator(launch.personId(), launch.personName()), "statements.saved",
                        AuditTrail.Target.of("framework", framework.id(), framework.title()),
                        changed + (changed == 1 ? " district statement changed" : " district statements changed"));
            }
            return changed;
        });
    }

    // ---- shared ---------------------------------------------------------------------------------------------

    private int save(String districtId, String scope, Map<String, String> submitted, List<String> allowed, String notAllowed, String personId) {
        if (submitted.size() > MAX_FIELDS) {
            throw new InvalidRequestException("That form has too many fields.", Map.of("form", "too-large"));
        }
        java.util.Set<String> permitted = new java.util.HashSet<>(allowed);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> clean = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : submitted.entrySet()) {
            if (!permitted.contains(e.getKey())) {
                throw new InvalidRequestException("A submitted standard " + notAllowed + ".", Map.of("standard", "unknown"));
            }
            String text = normalise(e.getValue());
            if (text.length() > StatementChoice.MAX_LENGTH) {
                errors.put(e.getKey(), "Keep it to " + StatementChoice.MAX_LENGTH + " characters (this one has " + text.length() + ").");
            }
            clean.put(e.getKey(), text);
        }
        if (!errors.isEmpty()) {
            throw new Rejected(errors.size() == 1 ? "One statement is too long; nothing was saved."
                    : errors.size() + " statements are too long; nothing was saved.", errors);
        }
        Map<String, String> stored = store.statements(districtId, scope, clean.keySet());
        Map<String, String> changes = new LinkedHashMap<>();
        clean.forEach((id, text) -> {
            String before = stored.get(id);
            if (!Objects.equals(text.isEmpty() ? null : text, before)) {
                changes.put(id, text.isEmpty() ? null : text);
            }
        });
        if (!changes.isEmpty()) {
            store.saveStatements(districtId, scope, changes, personId);
        }
        return changes.size();
    }

    /** Whitespace (new lines too) collapsed to single spaces, ends trimmed; control characters dropped. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[\\p{Cc}&&[^\\s]]", "").replaceAll("\\s+", " ").strip();
    }

    private List<StandardRef> targets(String districtId, FrameworkRef framework) {
        StandardsCatalog.Outline outline = catalog.outline(districtId, framework.id());
        List<StandardRef> targets = outline.coverageTargets(framework.enabledGrades());
        return targets.isEmpty() ? outline.items().stream().filter(s -> !s.retired()).toList() : targets;
    }

    private static boolean contains(String s, String filter) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(filter);
    }

    static String shortCode(String code) {
        return new Standard(null, code, null, null, null, null, List.of()).shortCode();
    }
}
