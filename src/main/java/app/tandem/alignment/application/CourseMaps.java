package app.tandem.alignment.application;

import app.tandem.alignment.application.MapRules.ItemInput;
import app.tandem.alignment.application.MapRules.UnitInput;
import app.tandem.alignment.domain.AlignmentEntity;
import app.tandem.alignment.domain.ItemEntity;
import app.tandem.alignment.domain.UnitEntity;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.Tokens;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.Sections;
import app.tandem.lti.api.Sections.Section;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A section's course map: units and their items (resources, LTI links, notes). Create, edit, delete, reorder
 * (step by step or a whole new order), move items between units, copy a unit with its items and alignments to
 * another section the teacher may edit. Every change needs an edit grant from {@link SectionAccess}; edits carry
 * the version the person saw and a stale one is a 409 naming what differs.
 */
@ApplicationScoped
public class CourseMaps {
    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    MapStore store;

    @Inject
    Sections sections;

    @Inject
    SectionAccess access;

    @Inject
    CourseSettings settings;

    @Inject
    StandardsCatalog catalog;

    /** What a copy did: the new unit in the target section, and the alignments left behind (framework not used there). */
    public record CopyResult(Section target, String unitId, int items, int alignments, int skippedAlignments, List<String> skippedCodes) {
    }

    // ---- read model

    /**
     * The section's map for this grant: units in order with their items and alignments. Students get only what
     * students may see: no notes, no items hidden from students, no authors.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CourseMap map(SectionAccess.Grant grant) {
        String sectionId = grant.section().id();
        boolean teacher = grant.teacherView();
        List<UnitEntity> units = store.units(sectionId);
        List<ItemEntity> items = store.items(sectionId).stream().filter(i -> teacher || studentVisible(i)).toList();
        Set<String> itemIds = new HashSet<>();
        items.forEach(i -> itemIds.add(i.id));
        List<AlignmentEntity> alignments = store.alignments(sectionId).stream().filter(a -> itemIds.contains(a.itemId)).toList();
        Map<String, List<CourseMap.Alignment>> byItem = new HashMap<>();
        for (CourseMap.Alignment a : store.views(grant.section().districtId(), alignments, teacher)) {
            byItem.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(a);
        }
        Map<String, List<CourseMap.Item>> byUnit = new LinkedHashMap<>();
        for (ItemEntity i : items) {
            byUnit.computeIfAbsent(i.unitId, k -> new ArrayList<>()).add(item(i, byItem.getOrDefault(i.id, List.of())));
        }
        List<CourseMap.Unit> result = new ArrayList<>();
        for (UnitEntity u : units) {
            result.add(new CourseMap.Unit(u.id, u.title, u.description, u.position, u.version, List.copyOf(byUnit.getOrDefault(u.id, List.of()))));
        }
        return new CourseMap(grant.section(), teacher, List.copyOf(result));
    }

    static boolean studentVisible(ItemEntity i) {
        return i.studentVisible && !MapRules.Kind.NOTE.name().equals(i.kind);
    }

    private static CourseMap.Item item(ItemEntity i, List<CourseMap.Alignment> alignments) {
        return new CourseMap.Item(i.id, i.unitId, i.kind, i.title, i.url, i.resourceType, i.description, i.ltiLink, i.studentVisible,
                i.position, i.version, List.copyOf(alignments));
    }

    /** One unit as the API shows it (teacher view). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CourseMap.Unit unit(SectionAccess.Grant grant, String unitId) {
        store.unit(grant.section().id(), unitId);
        return map(grant).units().stream().filter(u -> u.id().equals(unitId)).findFirst().orElseThrow();
    }

    /** One item with its alignments; students get 404 for what they may not see. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CourseMap.Item item(SectionAccess.Grant grant, String itemId) {
        ItemEntity i = store.item(grant.section().id(), itemId);
        if (!grant.teacherView() && !studentVisible(i)) {
            throw new InvalidRequestException(404, "There is no such item in this course section.", Map.of("itemId", "unknown"));
        }
        return item(i, store.views(grant.section().districtId(), store.alignmentsOfItems(List.of(i.id)), grant.teacherView()));
    }

    // ---- units

    @Transactional
    public CourseMap.Unit createUnit(LaunchContext launch, SectionAccess.Grant grant, String title, String description) {
        requireEdit(grant);
        UnitInput in = MapRules.unit(title, description);
        UnitEntity u = newUnit(launch, grant.section(), in.title(), in.description());
        return new CourseMap.Unit(u.id, u.title, u.description, u.position, u.version, List.of());
    }

    /** A new unit at the end of the section's map, written at once (its items may reference it). */
    private UnitEntity newUnit(LaunchContext launch, Section section, String title, String description) {
        UnitEntity u = new UnitEntity();
        u.id = Tokens.newId();
        u.sectionId = section.id();
        u.districtId = section.districtId();
        u.title = title;
        u.description = description;
        u.position = store.nextUnitPosition(u.sectionId);
        u.createdBy = launch.personId();
        u.createdAt = MapStore.now();
        u.updatedAt = u.createdAt;
        em.persist(u);
        em.flush();
        return u;
    }

    @Transactional
    public CourseMap.Unit updateUnit(LaunchContext launch, SectionAccess.Grant grant, String unitId, String title, String description,
                                     Long expectedVersion) {
        requireEdit(grant);
        UnitEntity u = store.unit(grant.section().id(), unitId);
        UnitInput in = MapRules.unit(title, description);
        Map<String, Object> stored = unitFields(u.title, u.description);
        Map<String, Object> submitted = unitFields(in.title(), in.description());
        checkVersion("unit", u.title, requireVersion(expectedVersion), u.version, stored, submitted);
        if (!stored.equals(submitted)) {
            u.title = in.title();
            u.description = in.description();
            u.updatedAt = MapStore.now();
            flush("unit", u.title, expectedVersion);
        }
        return new CourseMap.Unit(u.id, u.title, u.description, u.position, u.version, List.of());
    }

    private static Map<String, Object> unitFields(String title, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("description", description);
        return m;
    }

    /** Deletes a unit with its items; their alignments' removal is recorded in the history. */
    @Transactional
    public String deleteUnit(LaunchContext launch, SectionAccess.Grant grant, String unitId, Long expectedVersion) {
        requireEdit(grant);
        UnitEntity u = store.unit(grant.section().id(), unitId);
        if (expectedVersion != null) {
            checkVersion("unit", u.title, expectedVersion, u.version, unitFields(u.title, u.description), Map.of());
        }
        List<ItemEntity> items = store.itemsOfUnit(u.id);
        for (ItemEntity i : items) {
            removeItem(launch, i);
        }
        em.remove(u);
        em.flush();
        return u.title;
    }

    /** Moves a unit up (negative) or down (positive) among the section's units. */
    @Transactional
    public CourseMap.Unit moveUnit(SectionAccess.Grant grant, String unitId, int delta) {
        requireEdit(grant);
        UnitEntity u = store.unit(grant.section().id(), unitId);
        List<String> order = store.units(grant.section().id()).stream().map(x -> x.id).toList();
        List<String> moved = MapRules.moved(order, unitId, delta);
        store.unitOrder(grant.section().id(), moved);
        return new CourseMap.Unit(u.id, u.title, u.description, moved.indexOf(unitId), u.version, List.of());
    }

    /** A whole new order of the section's units (drag and drop, API): it must name exactly the current units. */
    @Transactional
    public void orderUnits(SectionAccess.Grant grant, List<String> unitIds) {
        requireEdit(grant);
        List<String> current = store.units(grant.section().id()).stream().map(x -> x.id).toList();
        MapRules.requireSameSet(current, unitIds, Set.of(), "unit");
        store.unitOrder(grant.section().id(), unitIds);
    }

    // ---- items

    @Transactional
    public CourseMap.Item createItem(LaunchContext launch, SectionAccess.Grant grant, String unitId, ItemInput in) {
        requireEdit(grant);
        UnitEntity u = store.unit(grant.section().id(), unitId);
        ItemEntity i = new ItemEntity();
        i.id = Tokens.newId();
        i.unitId = u.id;
        i.sectionId = u.sectionId;
        apply(i, in);
        i.position = store.nextItemPosition(u.id);
        i.createdBy = launch.personId();
        i.createdAt = MapStore.now();
        i.updatedAt = i.createdAt;
        em.persist(i);
        em.flush();
        return item(i, List.of());
    }

    private static void apply(ItemEntity i, ItemInput in) {
        i.kind = in.kind().name();
        i.title = in.title();
        i.url = in.url();
        i.resourceType = in.resourceType();
        i.description = in.description();
        i.ltiLink = in.ltiLink();
        i.studentVisible = in.studentVisible();
    }

    @Transactional
    public CourseMap.Item updateItem(LaunchContext launch, SectionAccess.Grant grant, String itemId, ItemInput in, Long expectedVersion) {
        requireEdit(grant);
        ItemEntity i = store.item(grant.section().id(), itemId);
        Map<String, Object> stored = itemFields(i.kind, i.title, i.url, i.resourceType, i.description, i.ltiLink, i.studentVisible);
        Map<String, Object> submitted = itemFields(in.kind().name(), in.title(), in.url(), in.resourceType(), in.description(), in.ltiLink(),
                in.studentVisible());
        checkVersion("item", i.title, requireVersion(expectedVersion), i.version, stored, submitted);
        if (!stored.equals(submitted)) {
            apply(i, in);
            i.updatedAt = MapStore.now();
            flush("item", i.title, expectedVersion);
        }
        return item(i, store.views(grant.section().districtId(), store.alignmentsOfItems(List.of(i.id)), true));
    }

    private static Map<String, Object> itemFields(String kind, String title, String url, String type, String description, String ltiLink,
                                                  boolean visible) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("title", title);
        m.put("url", url);
        m.put("resourceType", type);
        m.put("description", description);
        m.put("ltiLink", ltiLink);
        m.put("studentVisible", visible);
        return m;
    }

    @Transactional
    public String deleteItem(LaunchContext launch, SectionAccess.Grant grant, String itemId, Long expectedVersion) {
        requireEdit(grant);
        ItemEntity i = store.item(grant.section().id(), itemId);
        if (expectedVersion != null) {
            checkVersion("item", i.title, expectedVersion, i.version, Map.of(), Map.of());
        }
        removeItem(launch, i);
        em.flush();
        return i.title;
    }

    /** Alignments first, then the item, each flushed: EclipseLink does not order deletes of unrelated entities. */
    private void removeItem(LaunchContext launch, ItemEntity i) {
        for (AlignmentEntity a : store.alignmentsOfItems(List.of(i.id))) {
            store.event(launch, a, i.title, "REMOVED");
            em.remove(a);
        }
        em.flush();
        em.remove(i);
        em.flush();
    }

    /** Moves an item up (negative) or down (positive) within its unit. */
    @Transactional
    public CourseMap.Item moveItem(SectionAccess.Grant grant, String itemId, int delta) {
        requireEdit(grant);
        ItemEntity i = store.item(grant.section().id(), itemId);
        List<String> order = store.itemsOfUnit(i.unitId).stream().map(x -> x.id).toList();
        store.itemOrder(grant.section().id(), i.unitId, MapRules.moved(order, itemId, delta), Set.of());
        return item(i, List.of());
    }

    /** Moves an item to the end of another unit of the same section. */
    @Transactional
    public CourseMap.Item moveItemToUnit(SectionAccess.Grant grant, String itemId, String unitId, Long expectedVersion) {
        requireEdit(grant);
        ItemEntity i = store.item(grant.section().id(), itemId);
        UnitEntity target = store.unit(grant.section().id(), unitId);
        if (expectedVersion != null && expectedVersion != i.version) {
            throw MapRules.conflict("item", i.title, expectedVersion, i.version, Map.of("unitId", i.unitId), Map.of("unitId", target.id));
        }
        if (!i.unitId.equals(target.id)) {
            i.unitId = target.id;
            i.position = store.nextItemPosition(target.id);
            i.updatedAt = MapStore.now();
            em.flush();
        }
        return item(i, List.of());
    }

    /**
     * A whole new order of a unit's items (drag and drop, API): its current items, plus any items of the section's
     * other units that were dragged into it.
     */
    @Transactional
    public void orderItems(SectionAccess.Grant grant, String unitId, List<String> itemIds) {
        requireEdit(grant);
        UnitEntity u = store.unit(grant.section().id(), unitId);
        List<String> current = new ArrayList<>();
        Set<String> elsewhere = new HashSet<>();
        for (ItemEntity i : store.items(grant.section().id())) {
            (i.unitId.equals(u.id) ? current : elsewhere).add(i.id);
        }
        Set<String> requested = new HashSet<>(itemIds);
        if (!requested.containsAll(current)) {
            throw new InvalidRequestException(409, "The unit's items changed since you loaded the page. Nothing was reordered; reload and try again.",
                    Map.of("order", "stale"));
        }
        MapRules.requireSameSet(current, itemIds, elsewhere, "item");
        Set<String> movedIn = new HashSet<>(requested);
        movedIn.retainAll(elsewhere);
        store.itemOrder(grant.section().id(), u.id, itemIds, movedIn);
    }

    // ---- copy

    /** Sections a unit of this section can be copied to: the person's other taught sections and linked sections they may edit. */
    public List<Section> copyTargets(LaunchContext launch, SectionAccess.Grant from) {
        Set<String> ids = new LinkedHashSet<>();
        sections.taughtBy(launch.personId()).forEach(s -> ids.add(s.id()));
        if (launch.hasSection()) {
            ids.add(launch.sectionId());
        }
        access.linkOf(from.section().id()).ifPresent(l -> ids.addAll(l.sectionIds()));
        ids.remove(from.section().id());
        List<Section> result = new ArrayList<>();
        for (String id : ids) {
            try {
                result.add(access.edit(launch, id).section());
            } catch (InvalidRequestException notEditable) {
                // neither taught nor editable through a link: not offered
            }
        }
        return result;
    }

    /**
     * Copies a unit (title, description, items in order, alignments) to the end of another section's map. Alignments
     * to standards outside the target section's frameworks (or retired since) are left out and reported.
     */
    @Transactional
    public CopyResult copyUnit(LaunchContext launch, SectionAccess.Grant from, String unitId, SectionAccess.Grant to) {
        if (!from.teacherView()) {
            throw new InvalidRequestException(403, "Only teachers can copy units.", Map.of("section", "teachers-only"));
        }
        requireEdit(to);
        if (from.section().id().equals(to.section().id())) {
            throw new InvalidRequestException("Choose another section to copy the unit to.", Map.of("targetSectionId", "same section"));
        }
        UnitEntity source = store.unit(from.section().id(), unitId);
        CourseSettings.Settings target = settings.of(to.section().districtId(), to.section().id());
        UnitEntity copy = newUnit(launch, to.section(), source.title, source.description);

        List<ItemEntity> items = store.itemsOfUnit(source.id);
        Map<String, List<AlignmentEntity>> alignments = new HashMap<>();
        store.alignmentsOfItems(items.stream().map(i -> i.id).toList())
                .forEach(a -> alignments.computeIfAbsent(a.itemId, k -> new ArrayList<>()).add(a));
        Map<String, StandardRef> refs = catalog.standards(to.section().districtId(),
                alignments.values().stream().flatMap(List::stream).map(a -> a.standardId).toList());
        Set<String> skipped = new LinkedHashSet<>();
        int skippedCount = 0;
        List<AlignmentEntity> copied = new ArrayList<>();
        Map<String, String> titles = new HashMap<>();
        for (ItemEntity i : items) {
            ItemEntity c = new ItemEntity();
            c.id = Tokens.newId();
            c.unitId = copy.id;
            c.sectionId = copy.sectionId;
            c.kind = i.kind;
            c.title = i.title;
            c.url = i.url;
            c.resourceType = i.resourceType;
            c.description = i.description;
            c.ltiLink = i.ltiLink;
            c.studentVisible = i.studentVisible;
            c.position = i.position;
            c.createdBy = launch.personId();
            c.createdAt = copy.createdAt;
            c.updatedAt = copy.createdAt;
            em.persist(c);
            titles.put(c.id, c.title);
            for (AlignmentEntity a : alignments.getOrDefault(i.id, List.of())) {
                StandardRef ref = refs.get(a.standardId);
                if (ref == null || ref.retired() || !target.usesFramework(ref.frameworkId())) {
                    skippedCount++;
                    skipped.add(a.standardCode == null ? a.standardId : a.standardCode);
                    continue;
                }
                AlignmentEntity n = new AlignmentEntity();
                n.id = Tokens.newId();
                n.itemId = c.id;
                n.sectionId = c.sectionId;
                n.standardId = a.standardId;
                n.frameworkId = ref.frameworkId();
                n.standardCode = a.standardCode;
                n.alignmentType = a.alignmentType;
                n.createdBy = launch.personId();
                n.createdByName = MapStore.personName(launch);
                n.createdAt = MapStore.now();
                copied.add(n);
            }
        }
        em.flush(); // the items exist before their alignments reference them
        for (AlignmentEntity n : copied) {
            em.persist(n);
            store.event(launch, n, titles.get(n.itemId), "ADDED");
        }
        em.flush();
        return new CopyResult(to.section(), copy.id, items.size(), copied.size(), skippedCount, List.copyOf(skipped));
    }

    // ---- locking

    static void requireEdit(SectionAccess.Grant grant) {
        if (!grant.mayEdit()) {
            throw new InvalidRequestException(403, "Only the section's teachers can change its course map.", Map.of("section", "read-only"));
        }
    }

    static long requireVersion(Long expectedVersion) {
        if (expectedVersion == null) {
            throw new InvalidRequestException("Send the version you are editing (optimistic locking).", Map.of("version", "required"));
        }
        return expectedVersion;
    }

    private static void checkVersion(String what, String name, long expected, long current, Map<String, Object> stored,
                                     Map<String, Object> submitted) {
        if (expected != current) {
            throw MapRules.conflict(what, name, expected, current, stored, submitted);
        }
    }

    /** Writes now, so that a concurrent save of the same version (both passed the check) fails here as a 409. */
    private void flush(String what, String name, long expected) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (e instanceof OptimisticLockException || e.getCause() instanceof OptimisticLockException) {
                throw MapRules.conflict(what, name, expected, expected + 1, Map.of(), Map.of());
            }
            throw e;
        }
    }
}
