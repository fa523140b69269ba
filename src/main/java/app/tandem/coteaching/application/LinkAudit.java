package app.tandem.coteaching.application;

import app.tandem.common.Paged;
import app.tandem.common.Tokens;
import app.tandem.coteaching.domain.LinkAuditEntity;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.Sections.Section;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The district's log of link changes: written in the transaction of the change, read by coordinators a page at a time. */
@ApplicationScoped
public class LinkAudit {
    public static final int PAGE_SIZE = 25;

    public enum Action { INVITED, INVITATION_REVOKED, CREATED, JOINED, LEFT, DISSOLVED, POLICY_CHANGED }

    public record Entry(String id, OffsetDateTime at, String actorName, Action action, String groupId, String groupName,
                        String sectionId, String sectionTitle, String otherSectionId, String otherSectionTitle, String detail) {
        /** What happened, in words: "linked Period 5 with Period 2". */
        public String summary() {
            String section = sectionTitle == null ? "a section" : sectionTitle;
            return switch (action) {
                case INVITED -> "invited another section to link with " + section;
                case INVITATION_REVOKED -> "revoked an invitation of " + section;
                case CREATED -> "created a link group with " + section;
                case JOINED -> "linked " + section + (otherSectionTitle == null ? "" : " with " + otherSectionTitle);
                case LEFT -> "took " + section + " out of its link group";
                case DISSOLVED -> "dissolved the link group";
                case POLICY_CHANGED -> "changed the co-teaching policy";
            };
        }
    }


    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String districtId, LaunchContext actor, Action action, String groupId, String groupName, Section section,
                       Section other, String detail) {
        LinkAuditEntity e = new LinkAuditEntity();
        e.id = Tokens.newId();
        e.districtId = districtId;
        e.occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        e.actorId = actor == null ? null : actor.personId();
        e.actorName = actor == null ? null : cut(actor.personName(), 300);
        e.action = action.name();
        e.groupId = groupId;
        e.groupName = cut(groupName, 300);
        if (section != null) {
            e.sectionId = section.id();
            e.sectionTitle = cut(section.displayTitle(), 500);
        }
        if (other != null) {
            e.otherSectionId = other.id();
            e.otherSectionTitle = cut(other.displayTitle(), 500);
        }
        e.detail = cut(detail, 2000);
        em.persist(e);
    }

    /** Page {@code page} (from 1) of the district's log, newest first. */
    public Paged<Entry> page(String districtId, int page) {
        long total = em.createQuery("select count(a) from LinkAuditEntity a where a.districtId = :d", Long.class)
                .setParameter("d", districtId).getSingleResult();
        int last = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.min(Math.max(page, 1), last);
        List<Entry> entries = em.createQuery("select a from LinkAuditEntity a where a.districtId = :d order by a.occurredAt desc, a.id",
                        LinkAuditEntity.class)
                .setParameter("d", districtId).setFirstResult((p - 1) * PAGE_SIZE).setMaxResults(PAGE_SIZE)
                .getResultStream().map(LinkAudit::entry).toList();
        return new Paged<>(entries, total, p, PAGE_SIZE);
    }

    /** Entries about one link group, oldest first (tests, the API). */
    public List<Entry> ofGroup(String districtId, String groupId) {
        return em.createQuery("select a from LinkAuditEntity a where a.districtId = :d and a.groupId = :g order by a.occurredAt, a.id",
                        LinkAuditEntity.class)
                .setParameter("d", districtId).setParameter("g", groupId).getResultStream().map(LinkAudit::entry).toList();
    }

    private static Entry entry(LinkAuditEntity e) {
        return new Entry(e.id, e.occurredAt, e.actorName, Action.valueOf(e.action), e.groupId, e.groupName, e.sectionId, e.sectionTitle,
                e.otherSectionId, e.otherSectionTitle, e.detail);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
