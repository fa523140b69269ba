package app.tandem.standards.application;

import app.tandem.standards.domain.StandardsStore;
import app.tandem.standards.domain.StandardsStore.Framework;
import app.tandem.standards.domain.StandardsStore.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The standards library as other features see it (alignment, co-teaching): the district's enabled frameworks and
 * their standards as plain values with the domain and cluster each belongs to, for alignment, coverage and the
 * student view. Outlines are computed per framework version and cached per server (a re-import bumps the version).
 * Its reads run outside the caller's JTA transaction (NOT_SUPPORTED): StandardsStore's unshareable JDBC connection
 * cannot join a transaction that JPA already enlisted in ("enlist: caught Exception").
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class StandardsCatalog {

    /** An enabled framework with the grades and subjects the district limited it to (empty: all). */
    public record FrameworkRef(String id, String title, String subjects, Set<String> enabledGrades,
                               Set<String> enabledSubjects, int version, String licenceTitle, String licenceText) {
        public boolean hasLicence() {
            return licenceText != null && !licenceText.isBlank();
        }
    }

    /**
     * A standard with its grouping: the domain (e.g. "7.RP", Ratios and Proportional Relationships) and the cluster
     * (e.g. "7.RP.A") it belongs to; where a framework does not type its items these are the top-level ancestor
     * below the grade and the parent. Ids are std_item ids; a standard without ancestors is its own domain.
     */
    public record StandardRef(String id, String frameworkId, String frameworkTitle, String identifier, String code,
                              String statement, List<String> grades, String type, boolean retired, String domainId,
                              String domainLabel, String clusterId, String clusterLabel) {
        /** The code, else the start of the statement. */
        public String label() {
            if (code != null && !code.isBlank()) {
                return code;
            }
            return statement.length() > 80 ? statement.substring(0, 79) + "…" : statement;
        }
    }

    /**
     * One framework version's items in file order. {@code targets} are what a course covers: items typed
     * "Standard" where the framework types its items, else the leaves of the isChildOf tree.
     */
    public record Outline(String frameworkId, int version, List<StandardRef> items, Map<String, StandardRef> byId,
                          Set<String> targets) {
        /** Coverage targets, limited to standards of any of the grades (none given: all); retired ones left out. */
        public List<StandardRef> coverageTargets(Collection<String> grades) {
            return items.stream().filter(s -> targets.contains(s.id()) && !s.retired())
                    .filter(s -> grades == null || grades.isEmpty() || s.grades().isEmpty()
                            || s.grades().stream().anyMatch(grades::contains))
                    .toList();
        }
    }

    /**
     * The text of an item beyond its statement (for matching content to standards): the parent it belongs to
     * (first isChildOf; null at the top), its abbreviated statement, concept keywords ({@code |}-separated) and notes.
     */
    public record ItemText(String id, String parentId, String abbreviated, String keywords, String notes) {
    }

    @Inject
    StandardsStore store;

    private final Map<String, Outline> outlines = new ConcurrentHashMap<>();

    public StandardsCatalog() {
    }

    public StandardsCatalog(StandardsStore store) {
        this.store = store;
    }

    /** The frameworks the district enabled, by title. */
    public List<FrameworkRef> enabledFrameworks(String districtId) {
        return store.frameworks(districtId, true).stream().map(StandardsCatalog::ref).toList();
    }

    /** One of the district's enabled frameworks. */
    public Optional<FrameworkRef> enabledFramework(String districtId, String frameworkId) {
        return store.framework(districtId, frameworkId).filter(Framework::enabled).map(StandardsCatalog::ref);
    }

    /** A standard of the district's library (enabled or not, retired included), with its grouping. */
    public Optional<StandardRef> standard(String districtId, String standardId) {
        return store.item(districtId, standardId).map(i -> outline(districtId, i.frameworkId()).byId().get(i.id()));
    }

    /** Standards by id (unknown ids and other districts' standards left out), grouped per framework outline. */
    public Map<String, StandardRef> standards(String districtId, Collection<String> standardIds) {
        Map<String, StandardRef> result = new LinkedHashMap<>();
        Map<String, Outline> seen = new HashMap<>();
        for (String id : new LinkedHashSet<>(standardIds)) {
            StandardRef found = null;
            for (Outline o : seen.values()) {
                found = o.byId().get(id);
                if (found != null) {
                    break;
                }
            }
            if (found == null) {
                Optional<Item> item = store.item(districtId, id);
                if (item.isPresent()) {
                    Outline o = seen.computeIfAbsent(item.get().frameworkId(), f -> outline(districtId, f));
                    found = o.byId().get(id);
                }
            }
            if (found != null) {
                result.put(id, found);
            }
        }
        return result;
    }

    /** The outline of one of the district's frameworks at its current version. */
    public Outline outline(String districtId, String frameworkId) {
        Framework f = store.framework(districtId, frameworkId)
                .orElseThrow(() -> new IllegalArgumentException("no framework " + frameworkId + " in district " + districtId));
        Outline cached = outlines.get(frameworkId);
        if (cached != null && cached.version() == f.currentVersion()) {
            return cached;
        }
        Outline built = build(f);
        outlines.put(frameworkId, built);
        return built;
    }

    /** Parents, keywords and notes of one of the district's frameworks' live items, by item id (not cached). */
    public Map<String, ItemText> texts(String districtId, String frameworkId) {
        store.framework(districtId, frameworkId)
                .orElseThrow(() -> new IllegalArgumentException("no framework " + frameworkId + " in district " + districtId));
        Map<String, String> parentOf = new HashMap<>();
        store.forEachParent(frameworkId, parentOf::putIfAbsent);
        Map<String, String> idOf = new HashMap<>();
        List<Item> items = new ArrayList<>();
        store.forEachItem(frameworkId, false, i -> {
            idOf.put(i.identifier(), i.id());
            items.add(i);
        });
        Map<String, ItemText> result = new LinkedHashMap<>();
        for (Item i : items) {
            String parent = parentOf.get(i.identifier());
            result.put(i.id(), new ItemText(i.id(), parent == null ? null : idOf.get(parent), i.abbreviatedStatement(), i.keywords(), i.notes()));
        }
        return result;
    }

    private Outline build(Framework f) {
        List<Item> items = new ArrayList<>();
        store.forEachItem(f.id(), true, items::add);
        Map<String, String> parentOf = new HashMap<>();
        store.forEachParent(f.id(), parentOf::putIfAbsent);
        Map<String, Item> byIdentifier = new HashMap<>();
        items.forEach(i -> byIdentifier.put(i.identifier(), i));
        Set<String> hasChildren = new HashSet<>(parentOf.values());
        boolean typed = items.stream().anyMatch(i -> "standard".equalsIgnoreCase(i.type()));

        List<StandardRef> refs = new ArrayList<>(items.size());
        Map<String, StandardRef> byId = new HashMap<>();
        Set<String> targets = new HashSet<>();
        for (Item item : items) {
            List<Item> ancestors = new ArrayList<>(); // nearest first
            Set<String> guard = new HashSet<>();
            String p = parentOf.get(item.identifier());
            while (p != null && guard.add(p)) {
                Item parent = byIdentifier.get(p);
                if (parent == null) {
                    break;
                }
                ancestors.add(parent);
                p = parentOf.get(p);
            }
            Item domain = typedAncestor(ancestors, "domain");
            Item cluster = typedAncestor(ancestors, "cluster");
            if (domain == null) {
                domain = topGroup(ancestors, item);
            }
            if (cluster == null) {
                cluster = ancestors.isEmpty() ? item : ancestors.get(0);
            }
            StandardRef ref = new StandardRef(item.id(), f.id(), f.title(), item.identifier(), item.code(),
                    item.fullStatement(), item.gradeList(), item.type(), item.retired(), domain.id(), groupLabel(domain),
                    cluster.id(), groupLabel(cluster));
            refs.add(ref);
            byId.put(item.id(), ref);
            boolean target = typed ? "standard".equalsIgnoreCase(item.type()) : !hasChildren.contains(item.identifier());
            if (target) {
                targets.add(item.id());
            }
        }
        return new Outline(f.id(), f.currentVersion(), List.copyOf(refs), Map.copyOf(byId), Set.copyOf(targets));
    }

    private static Item typedAncestor(List<Item> ancestors, String type) {
        for (Item a : ancestors) {
            if (a.type() != null && a.type().toLowerCase(Locale.ROOT).contains(type)) {
                return a;
            }
        }
        return null;
    }

    /** Without typed items: the ancestor just below a grade-level grouping, else the topmost ancestor. */
    private static Item topGroup(List<Item> ancestors, Item self) {
        if (ancestors.isEmpty()) {
            return self;
        }
        Item top = ancestors.get(ancestors.size() - 1);
        if (ancestors.size() >= 2 && top.type() != null && top.type().toLowerCase(Locale.ROOT).contains("grade")) {
            return ancestors.get(ancestors.size() - 2);
        }
        return top;
    }

    private static String groupLabel(Item group) {
        String name = group.abbreviatedStatement() != null ? group.abbreviatedStatement() : group.fullStatement();
        if (name.length() > 90) {
            name = name.substring(0, 89) + "…";
        }
        return group.code() != null && !group.code().isBlank() && !name.startsWith(group.code()) ? group.code() + " " + name : name;
    }

    private static FrameworkRef ref(Framework f) {
        return new FrameworkRef(f.id(), f.title(), f.subjects(), split(f.enabledGrades()), split(f.enabledSubjects()),
                f.currentVersion(), f.licenceTitle(), f.licenceText());
    }

    private static Set<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(result::add);
        return Set.copyOf(result);
    }
}
