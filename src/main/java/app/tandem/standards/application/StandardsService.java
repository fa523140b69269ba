package app.tandem.standards.application;

import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.domain.StandardsStore;
import app.tandem.standards.domain.StandardsStore.Framework;
import app.tandem.standards.domain.StandardsStore.Item;
import app.tandem.standards.domain.StandardsStore.Node;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may see and do what in the standards library. Frameworks belong to the district that imported them.
 * Coordinators (of that district) see all of its frameworks and import, enable, edit notices and export;
 * teachers see only the frameworks their district enabled (and, in search, only the enabled grades); students
 * have no access to the library itself (they see aligned standards through their course).
 */
@ApplicationScoped
public class StandardsService {
    private static final Pattern GRADE = Pattern.compile("^(IT|PR|PK|TK|KG|0[1-9]|1[0-3]|PS|UG|OTHER)$");

    @Inject
    StandardsStore store;

    @Inject
    SearchService search;

    @Inject
    AuditTrail audit;

    public StandardsService() {
    }

    public StandardsService(StandardsStore store, SearchService search) {
        this.store = store;
        this.search = search;
    }

    public void requireCoordinator(LaunchContext launch) {
        if (!launch.is(AppRole.COORDINATOR)) {
            throw new InvalidRequestException(403, "Only your district's eLearning coordinators can do this.", Map.of());
        }
    }

    public void requireReader(LaunchContext launch) {
        if (!launch.is(AppRole.COORDINATOR) && !launch.is(AppRole.TEACHER)) {
            throw new InvalidRequestException(403, "The standards library is for teachers and coordinators.", Map.of());
        }
    }

    public boolean coordinator(LaunchContext launch) {
        return launch.is(AppRole.COORDINATOR);
    }

    public List<Framework> frameworks(LaunchContext launch) {
        requireReader(launch);
        return store.frameworks(launch.districtId(), !coordinator(launch));
    }

    public Framework framework(LaunchContext launch, String frameworkId) {
        requireReader(launch);
        Framework f = store.framework(launch.districtId(), frameworkId).orElse(null);
        if (f == null || (!coordinator(launch) && !f.enabled())) {
            throw new InvalidRequestException(404, "There is no such framework in your district's library.", Map.of());
        }
        return f;
    }

    public Item item(LaunchContext launch, String itemId) {
        requireReader(launch);
        Item i = store.item(launch.districtId(), itemId).orElse(null);
        if (i == null) {
            throw new InvalidRequestException(404, "There is no such standard in your district's library.", Map.of());
        }
        framework(launch, i.frameworkId());
        return i;
    }

    public static final int PAGE = 500;

    /** The top of a framework's tree: children of its document, then items without any parent. */
    public List<Node> roots(LaunchContext launch, Framework f) {
        List<Node> out = new ArrayList<>(store.children(f.id(), f.identifier(), PAGE));
        if (out.size() < PAGE) {
            out.addAll(store.orphans(f.id(), PAGE - out.size()));
        }
        return out;
    }

    public List<Node> children(LaunchContext launch, String frameworkId, String parentItemId) {
        Item parent = item(launch, parentItemId);
        if (!parent.frameworkId().equals(frameworkId)) {
            throw new InvalidRequestException(404, "There is no such standard in this framework.", Map.of());
        }
        return store.children(frameworkId, parent.identifier(), PAGE);
    }

    /** Frameworks this person may search, each with the grades it is limited to (empty: all grades). */
    public Map<String, Set<String>> searchScope(LaunchContext launch) {
        Map<String, Set<String>> scope = new LinkedHashMap<>();
        for (Framework f : frameworks(launch)) {
            Set<String> grades = coordinator(launch) || f.enabledGrades() == null ? Set.of()
                    : new LinkedHashSet<>(Arrays.asList(f.enabledGrades().split(",")));
            scope.put(f.id(), grades);
        }
        return scope;
    }

    public SearchIndex.Result search(LaunchContext launch, String q, String framework, String grade, String subject, String type, int limit) {
        Map<String, Set<String>> scope = searchScope(launch);
        if (framework != null && !framework.isBlank() && !scope.containsKey(framework)) {
            throw new InvalidRequestException(404, "There is no such framework in your district's library.", Map.of("framework", "unknown"));
        }
        String g = grade == null || grade.isBlank() ? null : normaliseGrade(grade);
        if (g != null && !GRADE.matcher(g).matches()) {
            throw new InvalidRequestException("Unknown grade: use KG, 01 … 12 (or PK, IT, PR, TK, PS, UG, Other).", Map.of("grade", "unknown"));
        }
        return search.index().search(new SearchIndex.Request(q, scope, blank(framework), g, blank(subject), blank(type), limit));
    }

    /**
     * An item's associations both ways, with the other end shown as an item only when this person may see that
     * item's framework (a teacher: enabled frameworks only); otherwise it appears as an identifier outside the library.
     */
    public List<StandardsStore.Related> related(LaunchContext launch, Item item) {
        Set<String> visible = searchScope(launch).keySet();
        List<StandardsStore.Related> out = new ArrayList<>();
        for (StandardsStore.Related r : store.related(launch.districtId(), item)) {
            if (r.otherItem() != null && !visible.contains(r.otherItem().frameworkId())) {
                out.add(new StandardsStore.Related(r.associationId(), r.type(), r.outgoing(), r.otherIdentifier(), r.otherUri(),
                        r.otherTitle(), null, null, r.sequenceNumber()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Crosswalks of the first hits: items of other visible frameworks linked by exactMatchOf or isRelatedTo (either
     * direction), so a search for a state standard also shows its CCSS equivalent and the other way round.
     */
    public Map<String, List<StandardsStore.Related>> crosswalks(LaunchContext launch, List<SearchIndex.Hit> hits, int first) {
        Set<String> visible = searchScope(launch).keySet();
        Map<String, List<StandardsStore.Related>> out = new LinkedHashMap<>();
        for (SearchIndex.Hit h : hits.subList(0, Math.min(first, hits.size()))) {
            Item item = store.item(launch.districtId(), h.id()).orElse(null);
            if (item == null) {
                continue;
            }
            List<StandardsStore.Related> links = new ArrayList<>();
            for (StandardsStore.Related r : related(launch, item)) {
                if (r.otherItem() != null && visible.contains(r.otherItem().frameworkId())
                        && !r.otherItem().frameworkId().equals(item.frameworkId())
                        && (r.type().equals("exactMatchOf") || r.type().equals("isRelatedTo"))) {
                    links.add(r);
                }
            }
            if (!links.isEmpty()) {
                out.put(h.id(), links);
            }
        }
        return out;
    }

    static String normaliseGrade(String grade) {
        List<String> g = Fields.gradeLevels(List.of(grade));
        return g.isEmpty() ? null : g.get(0);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Switches a framework on for the district, optionally for some grades and subjects only. */
    public void enable(LaunchContext launch, String frameworkId, String grades, String subjects) {
        requireCoordinator(launch);
        Framework f = framework(launch, frameworkId);
        String g = null;
        if (grades != null && !grades.isBlank()) {
            List<String> list = Fields.gradeLevels(List.of(grades));
            for (String x : list) {
                if (!GRADE.matcher(x).matches()) {
                    throw new InvalidRequestException("Unknown grade \"" + x + "\": use KG, 01 … 12 (or PK, IT, PR, TK, PS, UG, Other).",
                            Map.of("grades", "unknown grade " + x));
                }
            }
            g = String.join(",", list);
        }
        String s = subjects == null || subjects.isBlank() ? null : subjects.strip();
        if (s != null && s.length() > 1000) {
            throw new InvalidRequestException("The subject list is too long.", Map.of("subjects", "at most 1000 characters"));
        }
        if (g != null && g.length() > 500) {
            throw new InvalidRequestException("The grade list is too long.", Map.of("grades", "at most 500 characters"));
        }
        String checkedGrades = g;
        together(() -> {
            store.enable(launch.districtId(), frameworkId, checkedGrades, s, launch.personId());
            audit(launch, "framework.enabled", f, "grades: " + (checkedGrades == null ? "all" : checkedGrades) + "; subjects: " + (s == null ? "all" : s));
        });
    }

    public void disable(LaunchContext launch, String frameworkId) {
        requireCoordinator(launch);
        Framework f = framework(launch, frameworkId);
        together(() -> {
            store.disable(launch.districtId(), frameworkId);
            audit(launch, "framework.disabled", f, null);
        });
    }

    /** Replaces the licence notice shown with a framework's text. */
    public void setLicence(LaunchContext launch, String frameworkId, String title, String text) {
        requireCoordinator(launch);
        Framework f = framework(launch, frameworkId);
        if (text != null && text.length() > 100_000) {
            throw new InvalidRequestException("The notice is too long.", Map.of("text", "at most 100,000 characters"));
        }
        if (title != null && title.length() > 1000) {
            throw new InvalidRequestException("The notice title is too long.", Map.of("title", "at most 1000 characters"));
        }
        together(() -> {
            store.setLicence(launch.districtId(), frameworkId, blank(title), blank(text));
            audit(launch, "framework.licence-changed", f, blank(title) == null ? "notice removed" : "notice: " + blank(title));
        });
    }

    /** Runs a change and its audit entry in one transaction (just the change where no audit log is wired: unit tests). */
    private void together(Runnable changeAndRecord) {
        if (audit == null) {
            changeAndRecord.run();
        } else {
            audit.together(changeAndRecord);
        }
    }

    /** Records a coordinator's change to a framework in the district audit log (docs/operations.md, "Audit log"). */
    void audit(LaunchContext launch, String action, Framework f, String details) {
        if (audit != null) {
            audit.record(launch.districtId(), actor(launch), action, AuditTrail.Target.of("framework", f.id(), f.title()), details);
        }
    }

    /** The launch's person as the audit log's actor. */
    public static AuditTrail.Actor actor(LaunchContext launch) {
        return AuditTrail.Actor.coordinator(launch.personId(), launch.personName());
    }

    public StandardsStore store() {
        return store;
    }
}
