package app.tandem.alignment.application;

import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.FrameworkRef;
import app.tandem.standards.application.StandardsCatalog.Outline;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What coverage counts, derived from the standards catalog and cached per server (rebuilt when a framework's
 * version changes): the coverage targets of a set of frameworks and grades grouped by domain and cluster
 * ({@link Profile}), and for any aligned standard the target it counts for ({@link TargetMap}): a target counts for
 * itself; a component (CCSS 7.RP.A.2a) counts for the standard whose code it extends within the same cluster
 * (7.RP.A.2); anything else (a cluster, a domain, a retired standard) counts for nothing.
 */
@ApplicationScoped
public class CoverageTargets {
    private static final int MAX_PROFILES = 2000;

    /** A domain or cluster of a profile with how many of the profile's targets it holds. */
    public record Group(String id, String label, String frameworkId, String frameworkTitle, int targets) {
    }

    /**
     * The coverage targets of some frameworks at some grades, in outline order (frameworks by title).
     *
     * @param domainOf  target id → index into domains
     * @param clusterOf    target id → index into clusters
     * @param gradeFilters per framework, the grades its targets were chosen for (empty: all)
     */
    public record Profile(String key, List<StandardRef> targets, List<Group> domains, List<Group> clusters,
                          Map<String, Integer> domainOf, Map<String, Integer> clusterOf, Map<String, Set<String>> gradeFilters) {
        public boolean isTarget(String standardId) {
            return domainOf.containsKey(standardId);
        }

        public Optional<Integer> domainIndex(String domainId) {
            for (int i = 0; i < domains.size(); i++) {
                if (domains.get(i).id().equals(domainId)) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }
    }

    /** One framework version's map from any of its standards to the (non-retired) target it counts for. */
    public record TargetMap(String frameworkId, int version, Map<String, StandardRef> targetOf) {
        public StandardRef target(String standardId) {
            return targetOf.get(standardId);
        }
    }

    @Inject
    StandardsCatalog catalog;

    private final Map<String, TargetMap> targetMaps = new ConcurrentHashMap<>();
    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();

    public CoverageTargets() {
    }

    public CoverageTargets(StandardsCatalog catalog) {
        this.catalog = catalog;
    }

    public StandardsCatalog catalog() {
        return catalog;
    }

    /**
     * The targets of the frameworks at the grades; without grades, at each framework's enabled grades (all when
     * the district did not limit it).
     */
    public Profile profile(String districtId, List<FrameworkRef> frameworks, Collection<String> grades) {
        Set<String> g = new TreeSet<>(grades == null ? Set.of() : grades);
        StringBuilder key = new StringBuilder(districtId).append('|').append(g);
        for (FrameworkRef f : frameworks) {
            key.append('|').append(f.id()).append('@').append(f.version()).append(new TreeSet<>(f.enabledGrades()));
        }
        Profile cached = profiles.get(key.toString());
        if (cached != null) {
            return cached;
        }
        if (profiles.size() > MAX_PROFILES) {
            profiles.clear();
        }
        Profile built = build(key.toString(), districtId, frameworks, g);
        profiles.put(built.key(), built);
        return built;
    }

    private Profile build(String key, String districtId, List<FrameworkRef> frameworks, Set<String> grades) {
        List<StandardRef> targets = new ArrayList<>();
        Map<String, int[]> domainCounts = new LinkedHashMap<>();
        Map<String, int[]> clusterCounts = new LinkedHashMap<>();
        Map<String, StandardRef> firstOfDomain = new HashMap<>();
        Map<String, StandardRef> firstOfCluster = new HashMap<>();
        Map<String, Set<String>> gradeFilters = new HashMap<>();
        for (FrameworkRef f : frameworks) {
            Outline outline = catalog.outline(districtId, f.id());
            Set<String> filter = Set.copyOf(grades.isEmpty() ? f.enabledGrades() : grades);
            gradeFilters.put(f.id(), filter);
            List<StandardRef> sorted = new ArrayList<>(outline.coverageTargets(filter));
            sorted.sort(CoverageTargets::byCode);
            for (StandardRef s : sorted) {
                targets.add(s);
                domainCounts.computeIfAbsent(s.domainId(), k -> new int[1])[0]++;
                clusterCounts.computeIfAbsent(s.clusterId(), k -> new int[1])[0]++;
                firstOfDomain.putIfAbsent(s.domainId(), s);
                firstOfCluster.putIfAbsent(s.clusterId(), s);
            }
        }
        List<Group> domains = new ArrayList<>();
        Map<String, Integer> domainIndex = new HashMap<>();
        domainCounts.forEach((id, n) -> {
            StandardRef s = firstOfDomain.get(id);
            domainIndex.put(id, domains.size());
            domains.add(new Group(id, s.domainLabel(), s.frameworkId(), s.frameworkTitle(), n[0]));
        });
        List<Group> clusters = new ArrayList<>();
        Map<String, Integer> clusterIndex = new HashMap<>();
        clusterCounts.forEach((id, n) -> {
            StandardRef s = firstOfCluster.get(id);
            clusterIndex.put(id, clusters.size());
            clusters.add(new Group(id, s.clusterLabel(), s.frameworkId(), s.frameworkTitle(), n[0]));
        });
        Map<String, Integer> domainOf = new HashMap<>();
        Map<String, Integer> clusterOf = new HashMap<>();
        for (StandardRef s : targets) {
            domainOf.put(s.id(), domainIndex.get(s.domainId()));
            clusterOf.put(s.id(), clusterIndex.get(s.clusterId()));
        }
        return new Profile(key, List.copyOf(targets), List.copyOf(domains), List.copyOf(clusters), Map.copyOf(domainOf),
                Map.copyOf(clusterOf), Map.copyOf(gradeFilters));
    }

    /**
     * Targets in the natural order of their codes (7.EE.A.2 before 7.EE.B.3 before 7.G.A.1, 7.RP.A.2 before 7.RP.A.10),
     * so that domains and clusters follow; targets without a code after those with one, in outline order (stable sort).
     */
    static int byCode(StandardRef a, StandardRef b) {
        boolean ca = a.code() != null && !a.code().isBlank();
        boolean cb = b.code() != null && !b.code().isBlank();
        if (!ca || !cb) {
            return Boolean.compare(!ca, !cb);
        }
        String[] x = a.code().split("\\.");
        String[] y = b.code().split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareSegment(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareSegment(String a, String b) {
        int da = leadingDigits(a);
        int db = leadingDigits(b);
        if (da > 0 && db > 0 && da <= 9 && db <= 9) {
            int c = Integer.compare(Integer.parseInt(a.substring(0, da)), Integer.parseInt(b.substring(0, db)));
            if (c != 0) {
                return c;
            }
            return a.substring(da).compareTo(b.substring(db));
        }
        return a.compareTo(b);
    }

    private static int leadingDigits(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The target map of one of the district's frameworks at its current version; empty if the framework is gone. */
    public Optional<TargetMap> targetMap(String districtId, String frameworkId) {
        Outline outline;
        try {
            outline = catalog.outline(districtId, frameworkId);
        } catch (IllegalArgumentException gone) {
            return Optional.empty();
        }
        TargetMap cached = targetMaps.get(frameworkId);
        if (cached != null && cached.version() == outline.version()) {
            return Optional.of(cached);
        }
        TargetMap built = build(outline);
        targetMaps.put(frameworkId, built);
        return Optional.of(built);
    }

    static TargetMap build(Outline outline) {
        Map<String, StandardRef> byCode = new HashMap<>();
        Map<String, StandardRef> targetOf = new HashMap<>();
        for (StandardRef s : outline.items()) {
            if (outline.targets().contains(s.id()) && !s.retired()) {
                targetOf.put(s.id(), s);
                if (s.code() != null && !s.code().isBlank()) {
                    byCode.put(s.code(), s);
                }
            }
        }
        for (StandardRef s : outline.items()) {
            if (targetOf.containsKey(s.id()) || s.code() == null || s.code().isBlank()) {
                continue;
            }
            StandardRef parent = componentOf(s, byCode);
            if (parent != null) {
                targetOf.put(s.id(), parent);
            }
        }
        return new TargetMap(outline.frameworkId(), outline.version(), Map.copyOf(targetOf));
    }

    /** The target whose code the component's code extends (longest first), in the same cluster; "7.RP.A.2" is not a prefix of "7.RP.A.20". */
    private static StandardRef componentOf(StandardRef s, Map<String, StandardRef> byCode) {
        String code = s.code();
        for (int end = code.length() - 1; end > 0; end--) {
            StandardRef t = byCode.get(code.substring(0, end));
            if (t != null && !(Character.isDigit(code.charAt(end)) && Character.isDigit(code.charAt(end - 1)))
                    && (t.clusterId().equals(s.clusterId()) || t.id().equals(s.clusterId()))) {
                return t;
            }
        }
        return null;
    }
}
