package app.tandem.alignment.application;

import app.tandem.alignment.domain.AlignmentEntity;
import app.tandem.alignment.domain.AlignmentEventEntity;
import app.tandem.alignment.domain.ItemEntity;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.Tokens;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.SearchIndex;
import app.tandem.standards.application.SearchService;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.FrameworkRef;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Items aligned to standards. A standard must be in the district's library and in one of the section's frameworks
 * (its effective frameworks, {@link CourseSettings}); retired standards stay aligned (flagged) but are not aligned
 * anew. Every addition and removal is recorded in the alignment history with who did it.
 */
@ApplicationScoped
public class Alignments {
    public static final int MAX_BULK_ITEMS = 200;
    public static final int MAX_BULK_STANDARDS = 50;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    MapStore store;

    @Inject
    CourseSettings settings;

    @Inject
    StandardsCatalog catalog;

    @Inject
    SearchService search;

    /** The alignment and whether this call created it (false: the item already had it). */
    public record Added(CourseMap.Alignment alignment, String itemTitle, boolean created) {
    }

    public record BulkResult(int items, List<String> codes, int created, int existing) {
    }

    /** Aligns an item of the section to a standard of one of the section's frameworks (idempotent). */
    @Transactional
    public Added add(LaunchContext launch, SectionAccess.Grant grant, String itemId, String standardId, String type) {
        CourseMaps.requireEdit(grant);
        ItemEntity item = store.item(grant.section().id(), itemId);
        AlignmentType t = AlignmentType.parse(type);
        StandardRef ref = alignable(grant, standardId);
        return add(launch, item, ref, t);
    }

    private Added add(LaunchContext launch, ItemEntity item, StandardRef ref, AlignmentType t) {
        List<AlignmentEntity> existing = em.createQuery(
                        "SELECT a FROM AlignmentEntity a WHERE a.itemId = :i AND a.standardId = :s AND a.alignmentType = :t", AlignmentEntity.class)
                .setParameter("i", item.id).setParameter("s", ref.id()).setParameter("t", t.name()).getResultList();
        if (!existing.isEmpty()) {
            return new Added(MapStore.view(existing.get(0), ref, true), item.title, false);
        }
        AlignmentEntity a = new AlignmentEntity();
        a.id = Tokens.newId();
        a.itemId = item.id;
        a.sectionId = item.sectionId;
        a.standardId = ref.id();
        a.frameworkId = ref.frameworkId();
        a.standardCode = ref.label().length() > 255 ? ref.label().substring(0, 255) : ref.label();
        a.alignmentType = t.name();
        a.createdBy = launch.personId();
        a.createdByName = MapStore.personName(launch);
        a.createdAt = MapStore.now();
        em.persist(a);
        store.event(launch, a, item.title, "ADDED");
        try {
            em.flush();
        } catch (PersistenceException e) {
            // the unique key (item, standard, type): someone made the same alignment at the same moment
            throw new InvalidRequestException(409, "“" + item.title + "” was aligned to " + ref.label() + " (" + t.label()
                    + ") by someone else at the same moment. Reload to see it.", Map.of("standardId", "already aligned"));
        }
        return new Added(MapStore.view(a, ref, true), item.title, true);
    }

    /**
     * Aligns several items to one or more standards with one type; checks everything first (items of the section,
     * standards of its frameworks), so that a mistake changes nothing.
     */
    @Transactional
    public BulkResult bulk(LaunchContext launch, SectionAccess.Grant grant, List<String> itemIds, List<String> standardIds, String type) {
        CourseMaps.requireEdit(grant);
        Set<String> items = new LinkedHashSet<>(itemIds == null ? List.of() : itemIds);
        Set<String> standards = new LinkedHashSet<>(standardIds == null ? List.of() : standardIds);
        items.removeIf(s -> s == null || s.isBlank());
        standards.removeIf(s -> s == null || s.isBlank());
        if (items.isEmpty()) {
            throw new InvalidRequestException("Select the items to align.", Map.of("itemIds", "required"));
        }
        if (standards.isEmpty()) {
            throw new InvalidRequestException("Name the standards to align the items to.", Map.of("standardIds", "required"));
        }
        if (items.size() > MAX_BULK_ITEMS || standards.size() > MAX_BULK_STANDARDS) {
            throw new InvalidRequestException("Align at most " + MAX_BULK_ITEMS + " items to at most " + MAX_BULK_STANDARDS + " standards at once.",
                    Map.of(items.size() > MAX_BULK_ITEMS ? "itemIds" : "standardIds", "too many"));
        }
        AlignmentType t = AlignmentType.parse(type);
        List<ItemEntity> found = items.stream().map(id -> store.item(grant.section().id(), id)).toList();
        List<StandardRef> refs = new ArrayList<>();
        for (String s : standards) {
            refs.add(alignable(grant, s));
        }
        int created = 0;
        int existing = 0;
        for (ItemEntity item : found) {
            for (StandardRef ref : refs) {
                if (add(launch, item, ref, t).created()) {
                    created++;
                } else {
                    existing++;
                }
            }
        }
        return new BulkResult(found.size(), refs.stream().map(StandardRef::label).toList(), created, existing);
    }

    /** Removes one of the section's alignments (optionally only if it belongs to the item); recorded in the history. */
    @Transactional
    public CourseMap.Alignment remove(LaunchContext launch, SectionAccess.Grant grant, String itemId, String alignmentId) {
        CourseMaps.requireEdit(grant);
        AlignmentEntity a = alignmentId == null || alignmentId.length() > 36 ? null : em.find(AlignmentEntity.class, alignmentId);
        if (a == null || !a.sectionId.equals(grant.section().id()) || itemId != null && !a.itemId.equals(itemId)) {
            throw new InvalidRequestException(404, "There is no such alignment in this course section.", Map.of("alignmentId", "unknown"));
        }
        ItemEntity item = store.item(grant.section().id(), a.itemId);
        store.event(launch, a, item.title, "REMOVED");
        CourseMap.Alignment view = MapStore.view(a, catalog.standard(grant.section().districtId(), a.standardId).orElse(null), true);
        em.remove(a);
        em.flush();
        return view;
    }

    /** The item's alignments (teachers: with authors). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CourseMap.Alignment> ofItem(SectionAccess.Grant grant, String itemId) {
        ItemEntity item = store.item(grant.section().id(), itemId);
        if (!grant.teacherView() && !CourseMaps.studentVisible(item)) {
            throw new InvalidRequestException(404, "There is no such item in this course section.", Map.of("itemId", "unknown"));
        }
        return store.views(grant.section().districtId(), store.alignmentsOfItems(List.of(item.id)), grant.teacherView());
    }

    /** The section's alignments, all items (teachers) or student-visible ones. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CourseMap.Alignment> ofSection(SectionAccess.Grant grant) {
        Set<String> visible = new LinkedHashSet<>();
        store.items(grant.section().id()).stream().filter(i -> grant.teacherView() || CourseMaps.studentVisible(i)).forEach(i -> visible.add(i.id));
        List<AlignmentEntity> list = store.alignments(grant.section().id()).stream().filter(a -> visible.contains(a.itemId)).toList();
        return store.views(grant.section().districtId(), list, grant.teacherView());
    }

    /** The alignment history of an item (or of the whole section when itemId is null), newest first. Teachers only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CourseMap.Event> history(SectionAccess.Grant grant, String itemId, int limit) {
        if (!grant.teacherView()) {
            throw new InvalidRequestException(403, "The alignment history is for the course's teachers.", Map.of("section", "teachers-only"));
        }
        String q = "SELECT e FROM AlignmentEventEntity e WHERE e.sectionId = :s" + (itemId == null ? "" : " AND e.itemId = :i")
                + " ORDER BY e.occurredAt DESC, e.id DESC";
        var query = em.createQuery(q, AlignmentEventEntity.class).setParameter("s", grant.section().id());
        if (itemId != null) {
            query.setParameter("i", itemId);
        }
        return query.setMaxResults(Math.max(1, Math.min(500, limit))).getResultList().stream()
                .map(e -> new CourseMap.Event(e.itemId, e.itemTitle, e.standardId, e.standardCode, AlignmentType.valueOf(e.alignmentType),
                        e.action, e.personName, e.occurredAt))
                .toList();
    }

    // ---- standards of the section

    /** The section's frameworks, each limited to the grades the district enabled it for (empty: all). */
    public Map<String, Set<String>> scope(SectionAccess.Grant grant, boolean withGrades) {
        Map<String, Set<String>> scope = new LinkedHashMap<>();
        for (FrameworkRef f : settings.of(grant.section().districtId(), grant.section().id()).frameworks()) {
            scope.put(f.id(), withGrades ? f.enabledGrades() : Set.of());
        }
        return scope;
    }

    /** Standards search within the section's frameworks (and the grades the district enabled them for). */
    public SearchIndex.Result search(SectionAccess.Grant grant, String q, int limit) {
        return search.index().search(new SearchIndex.Request(q, scope(grant, true), null, null, null, null, limit));
    }

    /**
     * The standard a code names in the section's frameworks: its exact code, or the end of a longer one
     * ({@code 7.RP.A.2} for {@code CCSS.Math.Content.7.RP.A.2}). Several matches or none are 4xx with a clear message.
     */
    public String resolveCode(SectionAccess.Grant grant, String code) {
        String c = code == null ? "" : code.strip();
        if (c.isEmpty()) {
            throw new InvalidRequestException("Type a standard's code, such as 7.RP.A.2.", Map.of("code", "required"));
        }
        if (c.length() > 255) {
            throw new InvalidRequestException("A standard's code is at most 255 characters.", Map.of("code", "too long"));
        }
        List<SearchIndex.Hit> exact = codeMatches(scope(grant, false), c);
        if (exact.size() == 1) {
            return exact.get(0).id();
        }
        if (exact.size() > 1) {
            throw new InvalidRequestException("“" + c + "” names several standards ("
                    + String.join(", ", exact.stream().limit(5).map(h -> h.code() + " in " + h.frameworkTitle()).toList())
                    + "). Type the full code or pick one from the search.", Map.of("code", "ambiguous"));
        }
        Map<String, Set<String>> district = new LinkedHashMap<>();
        catalog.enabledFrameworks(grant.section().districtId()).forEach(f -> district.put(f.id(), Set.of()));
        Optional<SearchIndex.Hit> elsewhere = codeMatches(district, c).stream().findFirst();
        if (elsewhere.isPresent()) {
            throw new InvalidRequestException("“" + c + "” is in " + elsewhere.get().frameworkTitle()
                    + ", which is not one of this section's frameworks. Add it in the course settings first.",
                    Map.of("code", "framework not used by this section"));
        }
        throw new InvalidRequestException(404, "No standard has the code “" + c + "” in this section's frameworks.", Map.of("code", "unknown"));
    }

    private List<SearchIndex.Hit> codeMatches(Map<String, Set<String>> scope, String code) {
        if (scope.isEmpty()) {
            return List.of();
        }
        String lower = code.toLowerCase(Locale.ROOT);
        return search.index().search(new SearchIndex.Request(code, scope, null, null, null, null, 50)).hits().stream()
                .filter(h -> h.code() != null)
                .filter(h -> h.code().toLowerCase(Locale.ROOT).equals(lower) || h.code().toLowerCase(Locale.ROOT).endsWith("." + lower))
                .toList();
    }

    /** A standard the section may align to, else a 404 (unknown, other district) or 400 (framework, retired) naming why. */
    StandardRef alignable(SectionAccess.Grant grant, String standardId) {
        if (standardId == null || standardId.isBlank()) {
            throw new InvalidRequestException("Choose a standard.", Map.of("standardId", "required"));
        }
        String districtId = grant.section().districtId();
        StandardRef ref = standardId.length() > 36 ? null : catalog.standard(districtId, standardId.strip()).orElse(null);
        if (ref == null) {
            throw new InvalidRequestException(404, "There is no such standard in your district's library.", Map.of("standardId", "unknown"));
        }
        CourseSettings.Settings s = settings.of(districtId, grant.section().id());
        if (!s.usesFramework(ref.frameworkId())) {
            if (catalog.enabledFramework(districtId, ref.frameworkId()).isEmpty()) {
                throw new InvalidRequestException(ref.label() + " belongs to " + ref.frameworkTitle()
                        + ", which your district has not enabled. Ask your eLearning coordinator to enable it.",
                        Map.of("standardId", "framework not enabled"));
            }
            throw new InvalidRequestException(ref.label() + " belongs to " + ref.frameworkTitle()
                    + ", which is not one of this section's frameworks. Add it in the course settings first.",
                    Map.of("standardId", "framework not used by this section"));
        }
        if (ref.retired()) {
            throw new InvalidRequestException(ref.label() + " was retired by a newer version of " + ref.frameworkTitle()
                    + ": existing alignments stay, new ones are not made.", Map.of("standardId", "retired"));
        }
        return ref;
    }
}
