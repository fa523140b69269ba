package app.tandem.alignment.application;

import app.tandem.alignment.application.CoverageTargets.Group;
import app.tandem.alignment.application.CoverageTargets.Profile;
import app.tandem.alignment.application.CoverageTargets.TargetMap;
import app.tandem.alignment.domain.CoverageStore;
import app.tandem.alignment.domain.CoverageStore.AlignmentKey;
import app.tandem.alignment.domain.CoverageStore.AlignmentRow;
import app.tandem.alignment.domain.CoverageStore.UnitRow;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.Sections;
import app.tandem.lti.api.Sections.Section;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A section's coverage: every coverage target of its frameworks and grades as covered (how many items teach,
 * practise or assess it, and which) or not; what each unit covers; the gaps by domain; alignments that count for no
 * target of the section; and, when the section is in a link group, what the linked sections cover and which of
 * them covers what. Teachers of the section or of a linked section, and the district's coordinators, may read it.
 */
@ApplicationScoped
public class Coverage {

    /** An item aligned to a target; {@code viaCode} is the component's code when the item is aligned to a component of it. */
    public record ItemUse(String itemId, String itemTitle, String itemKind, String unitId, String unitTitle, String type, String viaCode) {
    }

    /**
     * One target with its alignments in the section.
     *
     * @param coveredBy the sections of the link group that align anything to it (this one included), empty without a link
     */
    public record StandardCoverage(StandardRef standard, int teaches, int practises, int assesses, List<ItemUse> items,
                                   List<String> coveredBy) {
        public boolean covered() {
            return teaches + practises + assesses > 0;
        }
    }

    /** A unit with the targets its items cover. */
    public record UnitCoverage(String id, String title, int position, Set<String> covered, int alignments) {
    }

    /** The uncovered targets of one domain. */
    public record Gap(Group domain, List<StandardRef> standards) {
    }

    /** Alignments to a standard that is not one of the section's targets, and why. */
    public record Outside(String standardId, String code, String reason, List<ItemUse> items) {
    }

    public record Totals(int targets, int covered, int taught, int practised, int assessed) {
        public int percent() {
            return percent(covered, targets);
        }

        public static int percent(int part, int whole) {
            return whole == 0 ? 0 : (int) Math.floor(100.0 * part / whole);
        }
    }

    /** A section of the link group and how many of this section's targets it covers. */
    public record LinkedSection(String id, String title, int covered, boolean self) {
    }

    /**
     * @param coveredByAny targets covered by at least one section of the group
     * @param onlyByOthers targets this section does not cover but a linked section does
     */
    public record LinkCoverage(String groupId, String groupName, List<LinkedSection> sections, int coveredByAny,
                               List<StandardRef> onlyByOthers) {
        public String title(String sectionId) {
            return sections.stream().filter(s -> s.id().equals(sectionId)).map(LinkedSection::title).findFirst().orElse(sectionId);
        }
    }

    public record Report(Section section, CourseSettings.Settings settings, Profile profile, List<StandardCoverage> standards,
                         List<UnitCoverage> units, List<Gap> gaps, List<Outside> outside, Totals totals, LinkCoverage link,
                         SectionAccess.Level level) {
        public Optional<StandardCoverage> standard(String id) {
            return standards.stream().filter(s -> s.standard().id().equals(id)).findFirst();
        }
    }

    @Inject
    SectionAccess access;

    @Inject
    CourseSettings courseSettings;

    @Inject
    CoverageTargets targets;

    @Inject
    CoverageStore store;

    @Inject
    CoverageIndex index;

    @Inject
    Sections sections;

    public Coverage() {
    }

    public Coverage(CoverageTargets targets, CoverageStore store, CoverageIndex index) {
        this.targets = targets;
        this.store = store;
        this.index = index;
    }

    /** The section's report for a teacher (own or linked section) or coordinator; 401/403/404 as SectionAccess decides. */
    public Report section(LaunchContext launch, String sectionId) {
        SectionAccess.Grant grant = access.teacherRead(launch, sectionId);
        Section section = grant.section();
        CourseSettings.Settings settings = courseSettings.of(section.districtId(), sectionId);
        Optional<LinkedSections.Link> link = access.linkOf(sectionId);
        return compute(section, settings, link.orElse(null), id -> sections.section(id).map(Section::displayTitle).orElse(id),
                grant.level());
    }

    /** The report of a section with these settings (and link group, may be null); refreshes the section's roll-up rows. */
    public Report compute(Section section, CourseSettings.Settings settings, LinkedSections.Link link, Function<String, String> titleOf,
                          SectionAccess.Level level) {
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        String districtId = section.districtId();
        Profile profile = targets.profile(districtId, settings.frameworks(), settings.grades());
        List<String> sectionIds = new ArrayList<>(List.of(section.id()));
        if (link != null) {
            link.sectionIds().stream().filter(id -> !id.equals(section.id())).forEach(sectionIds::add);
        }
        List<UnitRow> unitRows = store.units(List.of(section.id()));
        Map<String, UnitRow> unitsById = new HashMap<>();
        unitRows.forEach(u -> unitsById.put(u.id(), u));
        Map<String, Integer> events = index.eventCounts(List.of(section.id()));
        List<AlignmentRow> rows = store.alignments(sectionIds);

        Map<String, Optional<TargetMap>> maps = new HashMap<>();
        Map<String, int[]> counts = new HashMap<>(); // target id → teaches, practises, assesses
        Map<String, List<ItemUse>> uses = new HashMap<>();
        Map<String, Set<String>> coveredBy = new HashMap<>();
        Map<String, Set<String>> unitCovered = new LinkedHashMap<>();
        Map<String, int[]> unitAlignments = new HashMap<>();
        Map<String, Outside> outside = new LinkedHashMap<>();
        List<AlignmentKey> own = new ArrayList<>();
        for (AlignmentRow a : rows) {
            boolean mine = a.sectionId().equals(section.id());
            StandardRef t = maps.computeIfAbsent(a.frameworkId(), f -> targets.targetMap(districtId, f))
                    .map(m -> m.target(a.standardId())).orElse(null);
            if (mine) {
                own.add(new AlignmentKey(a.sectionId(), a.standardId(), a.frameworkId(), a.type()));
            }
            if (t == null || !profile.isTarget(t.id())) {
                if (mine) {
                    String reason = t == null ? "not a coverage target (a domain, a cluster, or a retired or deleted standard)"
                            : "a standard outside this section's frameworks or grades";
                    outside.computeIfAbsent(a.standardId(), k -> new Outside(k, a.standardCode(), reason, new ArrayList<>()))
                            .items().add(use(a, unitsById, null));
                }
                continue;
            }
            coveredBy.computeIfAbsent(t.id(), k -> new LinkedHashSet<>()).add(a.sectionId());
            if (!mine) {
                continue;
            }
            int[] c = counts.computeIfAbsent(t.id(), k -> new int[3]);
            switch (a.type()) {
                case "TEACHES" -> c[0]++;
                case "PRACTISES" -> c[1]++;
                default -> c[2]++;
            }
            uses.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(use(a, unitsById, t.id().equals(a.standardId()) ? null : a.standardCode()));
            unitCovered.computeIfAbsent(a.unitId(), k -> new LinkedHashSet<>()).add(t.id());
            unitAlignments.computeIfAbsent(a.unitId(), k -> new int[1])[0]++;
        }

        List<StandardCoverage> standards = new ArrayList<>(profile.targets().size());
        int covered = 0;
        int taught = 0;
        int practised = 0;
        int assessed = 0;
        Map<Integer, List<StandardRef>> gapsByDomain = new LinkedHashMap<>();
        for (StandardRef s : profile.targets()) {
            int[] c = counts.getOrDefault(s.id(), new int[3]);
            List<String> by = link == null ? List.of() : sectionIds.stream().filter(coveredBy.getOrDefault(s.id(), Set.of())::contains).toList();
            StandardCoverage sc = new StandardCoverage(s, c[0], c[1], c[2], List.copyOf(uses.getOrDefault(s.id(), List.of())), by);
            standards.add(sc);
            if (sc.covered()) {
                covered++;
            } else {
                gapsByDomain.computeIfAbsent(profile.domainOf().get(s.id()), k -> new ArrayList<>()).add(s);
            }
            taught += c[0] > 0 ? 1 : 0;
            practised += c[1] > 0 ? 1 : 0;
            assessed += c[2] > 0 ? 1 : 0;
        }
        List<Gap> gaps = new ArrayList<>();
        gapsByDomain.forEach((d, list) -> gaps.add(new Gap(profile.domains().get(d), List.copyOf(list))));
        List<UnitCoverage> units = unitRows.stream().map(u -> new UnitCoverage(u.id(), u.title(), u.position(),
                Set.copyOf(unitCovered.getOrDefault(u.id(), Set.of())), unitAlignments.getOrDefault(u.id(), new int[1])[0])).toList();

        index.write(districtId, List.of(section.id()), own, events, startedAt);
        return new Report(section, settings, profile, List.copyOf(standards), units, List.copyOf(gaps), List.copyOf(outside.values()),
                new Totals(profile.targets().size(), covered, taught, practised, assessed),
                link == null ? null : link(section, link, standards, titleOf), level);
    }

    private static LinkCoverage link(Section section, LinkedSections.Link link, List<StandardCoverage> standards,
                                     Function<String, String> titleOf) {
        List<String> ids = new ArrayList<>(List.of(section.id()));
        link.sectionIds().stream().filter(id -> !id.equals(section.id())).forEach(ids::add);
        Map<String, int[]> perSection = new HashMap<>();
        int any = 0;
        List<StandardRef> onlyByOthers = new ArrayList<>();
        for (StandardCoverage s : standards) {
            s.coveredBy().forEach(id -> perSection.computeIfAbsent(id, k -> new int[1])[0]++);
            if (!s.coveredBy().isEmpty()) {
                any++;
                if (!s.covered()) {
                    onlyByOthers.add(s.standard());
                }
            }
        }
        List<LinkedSection> linked = ids.stream().map(id -> new LinkedSection(id, id.equals(section.id()) ? section.displayTitle()
                : titleOf.apply(id), perSection.getOrDefault(id, new int[1])[0], id.equals(section.id()))).toList();
        return new LinkCoverage(link.groupId(), link.groupName(), linked, any, List.copyOf(onlyByOthers));
    }

    private static ItemUse use(AlignmentRow a, Map<String, UnitRow> units, String viaCode) {
        UnitRow u = units.get(a.unitId());
        return new ItemUse(a.itemId(), a.itemTitle(), a.itemKind(), a.unitId(), u == null ? null : u.title(), a.type(), viaCode);
    }
}
