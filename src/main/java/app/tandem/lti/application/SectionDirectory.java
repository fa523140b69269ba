package app.tandem.lti.application;

import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.Sections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import java.util.List;
import java.util.Optional;

/** {@link Sections} over the section, membership and person tables that launches and NRPS keep current. */
@ApplicationScoped
public class SectionDirectory implements Sections {
    private static final String SELECT = "select s.id, s.districtId, s.registrationId, r.name, s.contextId, s.title, s.label "
            + "from SectionEntity s, PlatformRegistrationEntity r where r.id = s.registrationId ";

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Override
    public Optional<Section> section(String sectionId) {
        if (sectionId == null) {
            return Optional.empty();
        }
        return em.createQuery(SELECT + "and s.id = :id", Tuple.class).setParameter("id", sectionId)
                .getResultStream().findFirst().map(SectionDirectory::section);
    }

    @Override
    public List<Section> taughtBy(String personId) {
        return em.createQuery(SELECT + "and s.id in (select m.sectionId from MembershipEntity m where m.personId = :p "
                        + "and m.status = 'Active' and m.appRoles like :role) order by s.title, s.id", Tuple.class)
                .setParameter("p", personId).setParameter("role", "%" + AppRole.TEACHER.name() + "%")
                .getResultStream().map(SectionDirectory::section).toList();
    }

    @Override
    public boolean hasRole(String personId, String sectionId, AppRole role) {
        if (personId == null || sectionId == null) {
            return false;
        }
        return !em.createQuery("select m.id from MembershipEntity m where m.personId = :p and m.sectionId = :s "
                        + "and m.status = 'Active' and m.appRoles like :role", String.class)
                .setParameter("p", personId).setParameter("s", sectionId).setParameter("role", "%" + role.name() + "%")
                .setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public List<Section> inDistrict(String districtId) {
        return em.createQuery(SELECT + "and s.districtId = :d order by s.title, s.id", Tuple.class).setParameter("d", districtId)
                .getResultStream().map(SectionDirectory::section).toList();
    }

    @Override
    public List<Person> members(String sectionId, AppRole role) {
        return em.createQuery("select p.id, p.name from PersonEntity p, MembershipEntity m where m.personId = p.id "
                        + "and m.sectionId = :s and m.status = 'Active' and m.appRoles like :role order by p.name, p.id", Tuple.class)
                .setParameter("s", sectionId).setParameter("role", "%" + role.name() + "%")
                .getResultStream().map(t -> new Person(t.get(0, String.class), t.get(1, String.class))).toList();
    }

    private static Section section(Tuple t) {
        return new Section(t.get(0, String.class), t.get(1, String.class), t.get(2, String.class), t.get(3, String.class),
                t.get(4, String.class), t.get(5, String.class), t.get(6, String.class));
    }
}
