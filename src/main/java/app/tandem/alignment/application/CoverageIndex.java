package app.tandem.alignment.application;

import app.tandem.alignment.application.CoverageTargets.TargetMap;
import app.tandem.alignment.domain.CoverageStore;
import app.tandem.alignment.domain.CoverageStore.AlignmentKey;
import app.tandem.alignment.domain.CoverageStore.DomainRow;
import app.tandem.alignment.domain.CoverageStore.SectionRow;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the roll-up's aggregate (al_coverage_section: per section and domain, how many targets are covered) in
 * step with the alignments, without hooks in the code that writes alignments:
 * <ul>
 * <li>sections without a row (a district's first roll-up, a new section, a write that failed) are computed;</li>
 * <li>sections with alignment changes since their last computation are recomputed by the next roll-up: the course
 * map writes an al_alignment_event row for every change; a roll-up looks at the sections with events since its
 * district's last check (minus {@link #MARGIN}, so that changes committed late or stamped by a server whose clock is
 * a little behind are not missed) and recomputes those whose event count differs from the count recorded when
 * their rows were computed;</li>
 * <li>rows computed from an older framework version are recomputed when read;</li>
 * <li>a section's coverage page recomputes that section on the way ({@link #write}).</li>
 * </ul>
 * Recomputing a section reads its alignments and writes a few rows; a full district of 10,000 sections takes
 * seconds, once.
 */
@ApplicationScoped
public class CoverageIndex {
    static final Duration MARGIN = Duration.ofMinutes(5);
    private static final Duration CHECK_EVERY = Duration.ofMinutes(1);
    private static final int BATCH = 1000;
    private static final Logger LOG = Logger.getLogger(CoverageIndex.class.getName());

    /** What an update did: the sections it recomputed (their SectionRow summaries are out of date). */
    public record Update(Set<String> recomputed, boolean full) {
    }

    @Inject
    CoverageStore store;

    @Inject
    CoverageTargets targets;

    public CoverageIndex() {
    }

    public CoverageIndex(CoverageStore store, CoverageTargets targets) {
        this.store = store;
        this.targets = targets;
    }

    /** Recomputes the district's sections whose alignments changed since they were computed (all of them the first time). */
    public Update update(String districtId, List<SectionRow> sections) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<OffsetDateTime> checked = store.eventsCheckedAt(districtId);
        Set<String> stale = new LinkedHashSet<>();
        // never computed (a new section, the district's first roll-up, or a write that failed)
        sections.stream().filter(s -> s.refreshedAt() == null).forEach(s -> stale.add(s.id()));
        if (checked.isPresent()) {
            Map<String, SectionRow> byId = new HashMap<>();
            sections.forEach(s -> byId.put(s.id(), s));
            List<String> recent = store.changedSince(checked.get().minus(MARGIN)).keySet().stream().filter(byId::containsKey).toList();
            store.eventCounts(recent).forEach((sectionId, count) -> {
                if (byId.get(sectionId).events() != null && !count.equals(byId.get(sectionId).events())) {
                    stale.add(sectionId);
                }
            });
        }
        recompute(districtId, stale, now);
        if (checked.isEmpty() || checked.get().isBefore(now.minus(CHECK_EVERY))) {
            store.eventsChecked(districtId, now);
        }
        if (checked.isEmpty()) {
            LOG.info(() -> "Coverage roll-up of district " + districtId + " computed in full: " + sections.size() + " sections");
        }
        return new Update(stale, checked.isEmpty());
    }

    /** Recomputes the sections' aggregate from their alignments (in batches, each in one transaction). */
    public void recompute(String districtId, Collection<String> sectionIds, OffsetDateTime startedAt) {
        List<String> ids = new ArrayList<>(sectionIds);
        Map<String, Optional<TargetMap>> maps = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            Map<String, Integer> events = store.eventCounts(batch);
            List<AlignmentKey> keys = new ArrayList<>();
            store.forEachAlignmentKey(batch, keys::add);
            write(districtId, batch, keys, events, startedAt, maps);
        }
    }

    /** How many history events each section has; count them before reading the alignments a {@link #write} is given. */
    public Map<String, Integer> eventCounts(Collection<String> sectionIds) {
        return store.eventCounts(sectionIds);
    }

    /**
     * Writes the aggregate of the sections computed from these (all their) alignments.
     *
     * @param events the sections' history event counts from before the alignments were read
     */
    public void write(String districtId, Collection<String> sectionIds, Collection<AlignmentKey> alignments, Map<String, Integer> events,
                      OffsetDateTime startedAt) {
        write(districtId, sectionIds, alignments, events, startedAt, new HashMap<>());
    }

    private void write(String districtId, Collection<String> sectionIds, Collection<AlignmentKey> alignments, Map<String, Integer> events,
                       OffsetDateTime startedAt, Map<String, Optional<TargetMap>> maps) {
        Map<String, Integer> counts = new HashMap<>();
        alignments.forEach(a -> counts.merge(a.sectionId(), 1, Integer::sum));
        List<DomainRow> rows = aggregate(districtId, alignments, maps);
        try {
            store.replace(districtId, sectionIds, rows, counts, events, startedAt);
        } catch (CoverageStore.CoverageStoreException e) {
            // the rows are a cache: a failed write leaves them stale, and their event counts still differ, so the next
            // roll-up tries again. A duplicate key means another server wrote the same sections at the same moment.
            if (!e.duplicate()) {
                LOG.log(Level.WARNING, "Coverage rows of " + sectionIds.size() + " sections not written; the next roll-up retries", e);
            }
        }
    }

    /** Per section and domain: distinct targets covered, and by type. */
    List<DomainRow> aggregate(String districtId, Collection<AlignmentKey> alignments, Map<String, Optional<TargetMap>> maps) {
        record Key(String sectionId, String domainId, String grades) {
        }
        record Acc(String frameworkId, int version, Set<String> covered, Set<String> taught, Set<String> practised, Set<String> assessed) {
        }
        Map<Key, Acc> acc = new HashMap<>();
        for (AlignmentKey a : alignments) {
            Optional<TargetMap> map = maps.computeIfAbsent(a.frameworkId(), f -> targets.targetMap(districtId, f));
            if (map.isEmpty()) {
                continue;
            }
            StandardRef t = map.get().target(a.standardId());
            if (t == null) {
                continue;
            }
            Acc x = acc.computeIfAbsent(new Key(a.sectionId(), t.domainId(), gradeKey(t)), k -> new Acc(map.get().frameworkId(), map.get().version(),
                    new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>()));
            x.covered().add(t.id());
            switch (a.type()) {
                case "TEACHES" -> x.taught().add(t.id());
                case "PRACTISES" -> x.practised().add(t.id());
                case "ASSESSES" -> x.assessed().add(t.id());
                default -> {
                    // an unknown type still covers
                }
            }
        }
        List<DomainRow> rows = new ArrayList<>(acc.size());
        acc.forEach((k, x) -> rows.add(new DomainRow(k.sectionId(), k.domainId(), k.grades(), x.frameworkId(), x.version(), x.covered().size(),
                x.taught().size(), x.practised().size(), x.assessed().size())));
        return rows;
    }

    /** A target's grade list as the aggregate keeps it: "07", "09+10+11+12", or "*" for none. */
    static String gradeKey(StandardRef target) {
        return target.grades().isEmpty() ? "*" : String.join("+", target.grades());
    }

    /** Whether targets with this grade list are among the targets of a grade filter (empty: all grades). */
    static boolean gradesMatch(String gradeKey, Set<String> filter) {
        if (filter.isEmpty() || gradeKey.equals("*")) {
            return true;
        }
        for (String g : gradeKey.split("\\+")) {
            if (filter.contains(g)) {
                return true;
            }
        }
        return false;
    }

    /** Forgets the district's aggregate: the next roll-up computes every section again. */
    public void forget(String districtId) {
        store.forget(districtId);
    }
}
