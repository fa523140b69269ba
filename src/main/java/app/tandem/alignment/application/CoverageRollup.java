package app.tandem.alignment.application;

import app.tandem.alignment.application.CoverageTargets.Group;
import app.tandem.alignment.application.CoverageTargets.Profile;
import app.tandem.alignment.domain.CoverageStore;
import app.tandem.alignment.domain.CoverageStore.DomainRow;
import app.tandem.alignment.domain.CoverageStore.SectionRow;
import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.StandardsCatalog.FrameworkRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The district roll-up for coordinators: every section of the district × the standards domains of its frameworks
 * and grades, each cell the share of the domain's targets the section covers. Filters by grade, subject, framework
 * and school (as the sections' course settings say). Reads the aggregate {@link CoverageIndex} keeps (a few rows
 * per section) and the catalog's targets per (frameworks, grades) cached per server, so a roll-up of 10,000
 * sections is one pass over about 100,000 small rows (docs/benchmarks.md, "Coverage roll-up").
 */
@ApplicationScoped
public class CoverageRollup {
    /** Above this many domains the heatmap shows one column per framework (filter by grade or framework for domains). */
    public static final int MAX_DOMAIN_COLUMNS = 40;
    public static final int PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;
    private static final Pattern GRADE = Pattern.compile("PK|KG|0[1-9]|1[0-3]|IT|PR|TK|PS|UG|Other");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

    public enum Sort { LEAST, MOST, TITLE }

    /** What the coordinator asked for; all parts optional. */
    public record Filter(String grade, String subject, String frameworkId, String school, Sort sort, int page, int pageSize) {
        public static final Filter ALL = new Filter(null, null, null, null, Sort.LEAST, 1, PAGE_SIZE);

        /** Reads the filter from request parameters: 400 with the field named for anything unusable. */
        public static Filter parse(String grade, String subject, String framework, String school, String sort, String page, String pageSize) {
            Map<String, String> bad = new LinkedHashMap<>();
            String g = normaliseGrade(grade);
            if (g != null && !GRADE.matcher(g).matches()) {
                bad.put("grade", "use K, 1 … 12 (or PK, IT, PR, TK, PS, UG, Other)");
            }
            String s = blankToNull(subject);
            if (s != null && s.length() > 100) {
                bad.put("subject", "at most 100 characters");
            }
            String f = blankToNull(framework);
            if (f != null && !ID.matcher(f).matches()) {
                bad.put("framework", "not a framework id");
            }
            String sc = blankToNull(school);
            if (sc != null && sc.length() > 300) {
                bad.put("school", "at most 300 characters");
            }
            Sort so = Sort.LEAST;
            if (blankToNull(sort) != null) {
                try {
                    so = Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    bad.put("sort", "use least, most or title");
                }
            }
            int p = number(page, 1, Integer.MAX_VALUE, "page", bad);
            int size = number(pageSize, PAGE_SIZE, MAX_PAGE_SIZE, "pageSize", bad);
            if (!bad.isEmpty()) {
                Map.Entry<String, String> first = bad.entrySet().iterator().next();
                throw new InvalidRequestException("That filter cannot be used: " + first.getKey() + " — " + first.getValue() + ".", bad);
            }
            return new Filter(g, s, f, sc, so, p, size);
        }

        private static int number(String value, int fallback, int max, String name, Map<String, String> bad) {
            if (blankToNull(value) == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            bad.put(name, "a whole number from 1 to " + max);
            return fallback;
        }

        public boolean any() {
            return grade != null || subject != null || frameworkId != null || school != null;
        }
    }

    /** A heatmap column: a domain, or a whole framework when there are too many domains. */
    public record Column(String id, String label, String frameworkId, String frameworkTitle) {
    }

    public record SectionInfo(String id, String title, String school, Set<String> grades, Set<String> subjects, List<String> frameworks) {
    }

    /**
     * A section's row. {@code cellTargets[i]} is -1 where column i does not apply to the section (not among its
     * frameworks or grades).
     */
    public record Row(SectionInfo section, int covered, int targets, int[] cellCovered, int[] cellTargets) {
        public int percent() {
            return Coverage.Totals.percent(covered, targets);
        }
    }

    /** The choices the filter form offers, from the district's data. */
    public record Options(List<String> grades, List<String> subjects, List<FrameworkRef> frameworks, List<String> schools) {
    }

    /**
     * @param rows       every matching section, sorted (pages: {@link #page()})
     * @param summary    per column: covered and targets summed over the matching sections
     * @param recomputed sections whose aggregate was recomputed for this roll-up
     */
    public record Rollup(Filter filter, Options options, boolean byFramework, List<Column> columns, int[] summaryCovered,
                         int[] summaryTargets, List<Row> rows, int sections, int recomputed, OffsetDateTime asOf, long millis) {
        public List<Row> page() {
            int from = Math.min(rows.size(), (filter.page() - 1) * filter.pageSize());
            return rows.subList(from, Math.min(rows.size(), from + filter.pageSize()));
        }

        public int pages() {
            return Math.max(1, (rows.size() + filter.pageSize() - 1) / filter.pageSize());
        }

        public int covered() {
            return rows.stream().mapToInt(Row::covered).sum();
        }

        public int targets() {
            return rows.stream().mapToInt(Row::targets).sum();
        }
    }

    int maxDomainColumns = MAX_DOMAIN_COLUMNS;

    @Inject
    SectionAccess access;

    @Inject
    CoverageStore store;

    @Inject
    CoverageTargets targets;

    @Inject
    CoverageIndex index;

    @Inject
    AuditTrail audit;

    public CoverageRollup() {
    }

    public CoverageRollup(CoverageStore store, CoverageTargets targets, CoverageIndex index) {
        this.store = store;
        this.targets = targets;
        this.index = index;
    }

    /** The roll-up of the coordinator's district. */
    public Rollup rollup(LaunchContext launch, Filter filter) {
        access.requireCoordinator(launch);
        return compute(launch.districtId(), filter);
    }

    /** A coordinator's "recompute everything" (POST): the aggregate is forgotten and rebuilt by this roll-up. */
    public Rollup recompute(LaunchContext launch, Filter filter) {
        access.requireCoordinator(launch);
        index.forget(launch.districtId());
        Rollup r = compute(launch.districtId(), filter);
        if (audit != null) {
            audit.record(launch.districtId(), AuditTrail.Actor.coordinator(launch.personId(), launch.personName()), "coverage.recomputed",
                    AuditTrail.Target.of("coverage", launch.districtId(), "District coverage"), null);
        }
        return r;
    }

    public Rollup compute(String districtId, Filter filter) {
        long t0 = System.nanoTime();
        List<FrameworkRef> enabled = targets.catalog().enabledFrameworks(districtId);
        if (filter.frameworkId() != null && enabled.stream().noneMatch(f -> f.id().equals(filter.frameworkId()))) {
            throw new InvalidRequestException("That framework is not one of your district's enabled frameworks.", Map.of("framework", "unknown"));
        }
        List<SectionRow> sectionRows = store.sections(districtId);
        CoverageIndex.Update update = index.update(districtId, sectionRows);

        record Sec(SectionRow row, SectionInfo info, Profile profile) {
        }
        record Resolved(Set<String> grades, Set<String> subjects, List<FrameworkRef> frameworks, List<String> titles, Profile profile) {
        }
        Map<String, Resolved> resolved = new HashMap<>(); // sections share a few distinct settings
        Set<String> grades = new TreeSet<>();
        Set<String> subjects = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> schools = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, Sec> matching = new LinkedHashMap<>();
        for (SectionRow r : sectionRows) {
            Resolved x = resolved.computeIfAbsent(r.grades() + "\u0000" + r.subjects() + "\u0000" + r.frameworkIds(), k -> {
                Set<String> g = CourseSettings.split(r.grades());
                Set<String> s = CourseSettings.split(r.subjects());
                List<FrameworkRef> fws = CourseSettings.effectiveFrameworks(enabled, g, s, CourseSettings.split(r.frameworkIds()));
                grades.addAll(g);
                subjects.addAll(s);
                return new Resolved(g, s, fws, fws.stream().map(FrameworkRef::title).toList(), targets.profile(districtId, fws, g));
            });
            if (r.school() != null) {
                schools.add(r.school());
            }
            if (filter.grade() != null && !x.grades().contains(filter.grade())
                    || filter.subject() != null && x.subjects().stream().noneMatch(v -> v.equalsIgnoreCase(filter.subject()))
                    || filter.school() != null && !filter.school().equalsIgnoreCase(r.school())
                    || filter.frameworkId() != null && x.frameworks().stream().noneMatch(f -> f.id().equals(filter.frameworkId()))) {
                continue;
            }
            matching.put(r.id(), new Sec(r, new SectionInfo(r.id(), title(r), r.school(), x.grades(), x.subjects(), x.titles()), x.profile()));
        }

        // the aggregates of the matching sections; those computed from an older framework version are recomputed first
        Map<String, Integer> versions = new HashMap<>();
        enabled.forEach(f -> versions.put(f.id(), f.version()));
        Map<String, Map<String, List<DomainRow>>> rows = new HashMap<>();
        Set<String> outdated = new HashSet<>();
        Map<String, String> fresh = update.recomputed().isEmpty() ? Map.of() : store.summaries(update.recomputed());
        for (Sec m : matching.values()) {
            for (DomainRow r : CoverageStore.decode(m.row().id(), fresh.getOrDefault(m.row().id(), m.row().summary()))) {
                add(rows, r);
                Integer v = versions.get(r.frameworkId());
                if (v != null && v != r.frameworkVersion()) {
                    outdated.add(r.sectionId());
                }
            }
        }
        if (!outdated.isEmpty()) {
            index.recompute(districtId, outdated, OffsetDateTime.now(ZoneOffset.UTC));
            outdated.forEach(rows::remove);
            store.summaries(outdated).forEach((id, summary) -> CoverageStore.decode(id, summary).forEach(r -> add(rows, r)));
        }

        // columns: the domains of the matching sections' targets in framework and outline order, or frameworks
        Set<String> used = new HashSet<>();
        matching.values().forEach(m -> m.profile().domains().forEach(d -> used.add(d.id())));
        List<Column> domainColumns = new ArrayList<>();
        for (FrameworkRef f : enabled) {
            if (filter.frameworkId() != null && !f.id().equals(filter.frameworkId())) {
                continue;
            }
            FrameworkRef allGrades = new FrameworkRef(f.id(), f.title(), f.subjects(), Set.of(), f.enabledSubjects(), f.version(),
                    f.licenceTitle(), f.licenceText());
            for (Group d : targets.profile(districtId, List.of(allGrades), Set.of()).domains()) {
                if (used.contains(d.id())) {
                    domainColumns.add(new Column(d.id(), d.label(), f.id(), f.title()));
                }
            }
        }
        boolean byFramework = domainColumns.size() > maxDomainColumns;
        List<Column> columns = byFramework ? enabled.stream().filter(f -> filter.frameworkId() == null || f.id().equals(filter.frameworkId()))
                .filter(f -> domainColumns.stream().anyMatch(c -> c.frameworkId().equals(f.id())))
                .map(f -> new Column(f.id(), f.title(), f.id(), f.title())).toList() : domainColumns;
        Map<String, Integer> columnOf = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            columnOf.put(columns.get(i).id(), i);
        }

        int n = columns.size();
        int[] sumCovered = new int[n];
        int[] sumTargets = new int[n];
        List<Row> result = new ArrayList<>(matching.size());
        for (Sec m : matching.values()) {
            int[] cc = new int[n];
            int[] ct = new int[n];
            Arrays.fill(ct, -1);
            int covered = 0;
            int total = 0;
            Map<String, List<DomainRow>> own = rows.getOrDefault(m.row().id(), Map.of());
            for (Group d : m.profile().domains()) {
                Integer col = columnOf.get(byFramework ? d.frameworkId() : d.id());
                if (col == null) {
                    continue;
                }
                Set<String> gradeFilter = m.profile().gradeFilters().getOrDefault(d.frameworkId(), Set.of());
                int c = 0;
                for (DomainRow r : own.getOrDefault(d.id(), List.of())) {
                    if (CoverageIndex.gradesMatch(r.grades(), gradeFilter)) {
                        c += r.covered();
                    }
                }
                c = Math.min(c, d.targets());
                cc[col] += c;
                ct[col] = Math.max(ct[col], 0) + d.targets();
                covered += c;
                total += d.targets();
            }
            for (int i = 0; i < n; i++) {
                if (ct[i] >= 0) {
                    sumCovered[i] += cc[i];
                    sumTargets[i] += ct[i];
                }
            }
            result.add(new Row(m.info(), covered, total, cc, ct));
        }
        Comparator<Row> byTitle = Comparator.comparing((Row r) -> r.section().title(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(r -> r.section().id());
        Comparator<Row> byShare = Comparator.comparingDouble(r -> r.targets() == 0 ? 2.0 : (double) r.covered() / r.targets());
        result.sort(switch (filter.sort()) {
            case LEAST -> byShare.thenComparing(byTitle);
            case MOST -> byShare.reversed().thenComparing(byTitle);
            case TITLE -> byTitle;
        });
        Options options = new Options(List.copyOf(grades), List.copyOf(subjects), enabled, List.copyOf(schools));
        return new Rollup(filter, options, byFramework, columns, sumCovered, sumTargets, result, sectionRows.size(),
                update.recomputed().size() + outdated.size(), OffsetDateTime.now(ZoneOffset.UTC), (System.nanoTime() - t0) / 1_000_000);
    }

    private static void add(Map<String, Map<String, List<DomainRow>>> rows, DomainRow r) {
        rows.computeIfAbsent(r.sectionId(), k -> new HashMap<>()).computeIfAbsent(r.domainId(), k -> new ArrayList<>(2)).add(r);
    }

    private static String title(SectionRow r) {
        if (r.title() != null && !r.title().isBlank()) {
            return r.title();
        }
        return r.label() != null && !r.label().isBlank() ? r.label() : r.contextId();
    }

    /** "7" → "07", "k" → "KG", "other" → "Other"; null when blank. */
    static String normaliseGrade(String grade) {
        String g = blankToNull(grade);
        if (g == null) {
            return null;
        }
        g = g.toUpperCase(Locale.ROOT);
        if (g.equals("K")) {
            return "KG";
        }
        if (g.matches("\\d")) {
            return "0" + g;
        }
        return g.equals("OTHER") ? "Other" : g;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
