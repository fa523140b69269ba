package app.tandem.lti.application;

import app.tandem.common.Tokens;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.Rosters;
import app.tandem.lti.domain.MembershipEntity;
import app.tandem.lti.domain.PersonEntity;
import app.tandem.lti.domain.SectionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a roster read from NRPS in one transaction: people and memberships upserted, NRPS-only members missing
 * from the new roster marked Deleted (kept, since plans and alignments may name them).
 */
@ApplicationScoped
public class RosterStore {
    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Transactional
    public void store(String sectionId, List<NamesRolesService.Fetched> fetched) {
        SectionEntity section = em.find(SectionEntity.class, sectionId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, PersonEntity> people = new HashMap<>();
        em.createQuery("select p from PersonEntity p where p.registrationId = :r and p.id in "
                        + "(select m.personId from MembershipEntity m where m.sectionId = :s)", PersonEntity.class)
                .setParameter("r", section.registrationId).setParameter("s", sectionId).getResultList()
                .forEach(p -> people.put(p.subject, p));
        Map<String, MembershipEntity> memberships = new HashMap<>();
        em.createQuery("select m from MembershipEntity m where m.sectionId = :s", MembershipEntity.class)
                .setParameter("s", sectionId).getResultList().forEach(m -> memberships.put(m.personId, m));
        Map<String, PersonEntity> byMember = new HashMap<>();
        for (NamesRolesService.Fetched f : fetched) {
            PersonEntity p = people.get(f.subject());
            if (p == null) {
                p = em.createQuery("select p from PersonEntity p where p.registrationId = :r and p.subject = :s", PersonEntity.class)
                        .setParameter("r", section.registrationId).setParameter("s", f.subject()).getResultStream().findFirst().orElse(null);
            }
            if (p == null) {
                p = new PersonEntity();
                p.id = Tokens.newId();
                p.registrationId = section.registrationId;
                p.subject = f.subject();
                p.createdAt = now;
                em.persist(p);
            }
            p.name = cut(f.name() != null ? f.name() : join(f.givenName(), f.familyName()), 300);
            p.givenName = cut(f.givenName(), 200);
            p.familyName = cut(f.familyName(), 200);
            p.email = cut(f.email(), 320);
            p.updatedAt = now;
            people.put(p.subject, p);
            byMember.put(f.subject(), p);
        }
        // Ids, not JPA relationships, link the tables: write the people before the memberships that reference them.
        em.flush();
        Set<String> seen = new LinkedHashSet<>();
        for (NamesRolesService.Fetched f : fetched) {
            PersonEntity p = byMember.get(f.subject());
            seen.add(p.id);
            MembershipEntity m = memberships.get(p.id);
            if (m == null) {
                m = new MembershipEntity();
                m.id = Tokens.newId();
                m.sectionId = sectionId;
                m.personId = p.id;
                m.source = "nrps";
                em.persist(m);
                memberships.put(p.id, m);
            }
            m.ltiRoles = cut(String.join(" ", f.roles()), 4000);
            m.appRoles = AppRole.encode(AppRole.fromLtiRoles(f.roles()));
            m.status = cut(f.status(), 20);
        }
        for (MembershipEntity m : memberships.values()) {
            if (!seen.contains(m.personId) && "nrps".equals(m.source)) {
                m.status = "Deleted";
            }
        }
        section.rosterSyncedAt = now;
    }

    /** The stored roster, read in its own transaction so it reflects a store that just committed. */
    @Transactional
    public Rosters.Roster read(String sectionId) {
        SectionEntity section = em.find(SectionEntity.class, sectionId);
        List<Object[]> rows = em.createQuery(
                        "select p, m from MembershipEntity m, PersonEntity p where m.personId = p.id and m.sectionId = :s order by p.name",
                        Object[].class)
                .setParameter("s", sectionId).getResultList();
        List<Rosters.Member> members = new ArrayList<>();
        for (Object[] row : rows) {
            PersonEntity p = (PersonEntity) row[0];
            MembershipEntity m = (MembershipEntity) row[1];
            members.add(new Rosters.Member(p.subject, p.name, p.email, AppRole.decode(m.appRoles), m.status, m.lastLaunchAt != null));
        }
        return new Rosters.Roster(section.nrpsUrl != null, section.rosterSyncedAt, members);
    }

    private static String join(String a, String b) {
        String s = ((a == null ? "" : a) + " " + (b == null ? "" : b)).strip();
        return s.isEmpty() ? null : s;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
