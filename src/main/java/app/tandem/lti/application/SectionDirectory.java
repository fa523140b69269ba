package app.tandem.lti.application;

import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.Sections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * {@link Sections} over the section, membership and person tables that launches and NRPS keep current. Rows are read as
 * Object[]: EclipseLink answers JPQL multi-selects with Object[] even when asked for Tuple (ClassCastException).
 */
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
        return em.createQuery(SELECT + "and s.id = :id", Object[].class).setParameter("id", sectionId)
                .getResultList().stream().findFirst().map(SectionDirectory::section);
    }

    @Override
    public List<Section> taughtBy(String personId) {
        return em.createQuery(SELECT + "and s.id in (select m.sectionId from MembershipEntity m where m.personId = :p "
                        + "and m.status = 'Active' and m.appRoles like :role) order by s.title, s.id", Object[].class)
                .setParameter("p", personId).setParameter("role", "%" + AppRole.TEACHER.name() + "%")
                .getResultList().stream().map(SectionDirectory::section).toList();
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
        return em.createQuery(SELECT + "and s.districtId = :d order by s.title, s.id", Object[].class).setParameter("d", districtId)
                .getResultList().stream().map(SectionDirectory::section).toList();
    }

    @Override
    public List<Person> members(String sectionId, AppRole role) {
        return em.createQuery("select p.id, p.name from PersonEntity p, MembershipEntity m where m.personId = p.id "
                        + "and m.sectionId = :s and m.status = 'Active' and m.appRoles like :role order by p.name, p.id", Object[].class)
                .setParameter("s", sectionId).setParameter("role", "%" + role.name() + "%")
                .getResultList().stream().map(t -> new Person((String) t[0], (String) t[1])).toList();
    }

    /** A row of {@link #SELECT} (Object[]: EclipseLink 4.0 answers JPQL multi-select queries typed Tuple with Object[]). */
    private static Section section(Object[] t) {
        return new Section((String) t[0], (String) t[1], (String) t[2], (String) t[3], (String) t[4], (String) t[5], (String) t[6]);
    }
}
