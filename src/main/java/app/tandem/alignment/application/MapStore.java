package app.tandem.alignment.application;

import app.tandem.alignment.domain.AlignmentEntity;
import app.tandem.alignment.domain.AlignmentEventEntity;
import app.tandem.alignment.domain.ItemEntity;
import app.tandem.alignment.domain.UnitEntity;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.Tokens;
import app.tandem.lti.api.LaunchContext;
import app.tandem.standards.application.StandardsCatalog;
import app.tandem.standards.application.StandardsCatalog.StandardRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Course-map rows of one section, read and written in the caller's transaction (CourseMaps and Alignments share it):
 * lookups that turn ids of other sections into 404s, positions, history events and the alignment read model.
 */
@ApplicationScoped
class MapStore {
    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    StandardsCatalog catalog;

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    UnitEntity unit(String sectionId, String unitId) {
        UnitEntity u = unitId == null || unitId.length() > 36 ? null : em.find(UnitEntity.class, unitId);
        if (u == null || !u.sectionId.equals(sectionId)) {
            throw new InvalidRequestException(404, "There is no such unit in this course section.", Map.of("unitId", "unknown"));
        }
        return u;
    }

    ItemEntity item(String sectionId, String itemId) {
        ItemEntity i = itemId == null || itemId.length() > 36 ? null : em.find(ItemEntity.class, itemId);
        if (i == null || !i.sectionId.equals(sectionId)) {
            throw new InvalidRequestException(404, "There is no such item in this course section.", Map.of("itemId", "unknown"));
        }
        return i;
    }

    List<UnitEntity> units(String sectionId) {
        return em.createQuery("SELECT u FROM UnitEntity u WHERE u.sectionId = :s ORDER BY u.position, u.createdAt, u.id", UnitEntity.class)
                .setParameter("s", sectionId).getResultList();
    }

    List<ItemEntity> items(String sectionId) {
        return em.createQuery("SELECT i FROM ItemEntity i WHERE i.sectionId = :s ORDER BY i.position, i.createdAt, i.id", ItemEntity.class)
                .setParameter("s", sectionId).getResultList();
    }

    List<ItemEntity> itemsOfUnit(String unitId) {
        return em.createQuery("SELECT i FROM ItemEntity i WHERE i.unitId = :u ORDER BY i.position, i.createdAt, i.id", ItemEntity.class)
                .setParameter("u", unitId).getResultList();
    }

    List<AlignmentEntity> alignments(String sectionId) {
        return em.createQuery("SELECT a FROM AlignmentEntity a WHERE a.sectionId = :s ORDER BY a.createdAt, a.id", AlignmentEntity.class)
                .setParameter("s", sectionId).getResultList();
    }

    List<AlignmentEntity> alignmentsOfItems(Collection<String> itemIds) {
        if (itemIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT a FROM AlignmentEntity a WHERE a.itemId IN :i ORDER BY a.createdAt, a.id", AlignmentEntity.class)
                .setParameter("i", itemIds).getResultList();
    }

    int nextUnitPosition(String sectionId) {
        Integer max = em.createQuery("SELECT MAX(u.position) FROM UnitEntity u WHERE u.sectionId = :s", Integer.class)
                .setParameter("s", sectionId).getSingleResult();
        return max == null ? 0 : max + 1;
    }

    int nextItemPosition(String unitId) {
        Integer max = em.createQuery("SELECT MAX(i.position) FROM ItemEntity i WHERE i.unitId = :u", Integer.class)
                .setParameter("u", unitId).getSingleResult();
        return max == null ? 0 : max + 1;
    }

    /** Writes positions 0, 1, 2 … in list order (no version change: reordering never conflicts with an edit). */
    void unitOrder(String sectionId, List<String> unitIds) {
        for (int p = 0; p < unitIds.size(); p++) {
            em.createNativeQuery("UPDATE al_unit SET position = ? WHERE id = ? AND section_id = ?")
                    .setParameter(1, p).setParameter(2, unitIds.get(p)).setParameter(3, sectionId).executeUpdate();
        }
    }

    /**
     * Writes item positions in list order within the unit; items that come from another unit of the section move
     * into it, which changes them (their version goes up).
     */
    void itemOrder(String sectionId, String unitId, List<String> itemIds, Collection<String> movedIn) {
        OffsetDateTime now = now();
        for (int p = 0; p < itemIds.size(); p++) {
            String id = itemIds.get(p);
            if (movedIn.contains(id)) {
                em.createNativeQuery("UPDATE al_item SET unit_id = ?, position = ?, version = version + 1, updated_at = ? WHERE id = ? AND section_id = ?")
                        .setParameter(1, unitId).setParameter(2, p).setParameter(3, now).setParameter(4, id).setParameter(5, sectionId)
                        .executeUpdate();
            } else {
                em.createNativeQuery("UPDATE al_item SET position = ? WHERE id = ? AND section_id = ?")
                        .setParameter(1, p).setParameter(2, id).setParameter(3, sectionId).executeUpdate();
            }
        }
    }

    void event(LaunchContext launch, AlignmentEntity a, String itemTitle, String action) {
        AlignmentEventEntity e = new AlignmentEventEntity();
        e.id = Tokens.newId();
        e.sectionId = a.sectionId;
        e.itemId = a.itemId;
        e.itemTitle = itemTitle;
        e.standardId = a.standardId;
        e.standardCode = a.standardCode;
        e.alignmentType = a.alignmentType;
        e.action = action;
        e.personId = launch.personId();
        e.personName = personName(launch);
        e.occurredAt = now();
        em.persist(e);
    }

    static String personName(LaunchContext launch) {
        String name = launch.personName();
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.length() > 300 ? name.substring(0, 300) : name;
    }

    /** Alignments as the read model shows them, with their standards as the catalog knows them now. */
    List<CourseMap.Alignment> views(String districtId, List<AlignmentEntity> alignments, boolean teacherView) {
        Map<String, StandardRef> refs = catalog.standards(districtId, alignments.stream().map(a -> a.standardId).toList());
        return alignments.stream().map(a -> view(a, refs.get(a.standardId), teacherView)).toList();
    }

    static CourseMap.Alignment view(AlignmentEntity a, StandardRef ref, boolean teacherView) {
        AlignmentType type = AlignmentType.valueOf(a.alignmentType);
        String by = teacherView ? a.createdByName : null;
        if (ref == null) {
            return new CourseMap.Alignment(a.id, a.itemId, a.standardId, a.frameworkId, null, a.standardCode, null, type, by,
                    a.createdAt, false, true, null, null);
        }
        return new CourseMap.Alignment(a.id, a.itemId, a.standardId, ref.frameworkId(), ref.frameworkTitle(), ref.label(),
                ref.statement(), type, by, a.createdAt, ref.retired(), false, ref.domainLabel(), ref.clusterLabel());
    }
}
