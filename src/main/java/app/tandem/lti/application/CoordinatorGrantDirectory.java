package app.tandem.lti.application;

import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.CoordinatorGrants;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link CoordinatorGrants} on table {@code coordinator_grant}, and the launch's question "is this person granted the
 * role in this district?", answered from a per-server cache of each district's grants (one small query per district
 * and 30 seconds; this server's own changes clear it at once, another server's show within the 30 seconds, and a
 * revocation ends the sessions already open wherever they are).
 */
@ApplicationScoped
public class CoordinatorGrantDirectory implements CoordinatorGrants {
    private static final int MAX_CANDIDATES = 20;
    private static final String TEACHES_IN_DISTRICT = "EXISTS (SELECT 1 FROM membership m JOIN section s ON s.id = m.section_id "
            + "WHERE m.person_id = p.id AND s.district_id = ?1 AND m.status = 'Active' AND m.app_roles LIKE '%TEACHER%')";

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    // district id → "registration id \n subject" of each granted person
    private final TtlCache<String, Set<String>> granted = new TtlCache<>(Duration.ofSeconds(30), Set::copyOf);

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Whether the person (by platform registration and LTI subject) was granted the coordinator role in the district. */
    public boolean isGranted(String districtId, String registrationId, String subject) {
        return granted.get(districtId, this::load).orElse(Set.of()).contains(registrationId + "\n" + subject);
    }

    @SuppressWarnings("unchecked")
    private Optional<Set<String>> load(String districtId) {
        List<Object[]> rows = em.createNativeQuery("SELECT p.registration_id, p.subject FROM coordinator_grant g "
                + "JOIN person p ON p.id = g.person_id WHERE g.district_id = ?1").setParameter(1, districtId).getResultList();
        return Optional.of(rows.stream().map(r -> r[0] + "\n" + r[1]).collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * Forgets the cached grants now and again when the transaction ends: a launch that reloads them in between still
     * saw the old rows, and must not keep them for 30 seconds (a revoked coordinator would keep the role).
     */
    private void forgetOnCompletion() {
        granted.clear();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                granted.clear();
            }
        });
    }

    /** Forgets the cached grants (after a district's or a person's data was erased). */
    void evict() {
        granted.clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Grant> list(String districtId) {
        List<Object[]> rows = em.createNativeQuery("SELECT p.id, p.name, p.email, r.name, g.granted_by_name, g.granted_at "
                        + "FROM coordinator_grant g JOIN person p ON p.id = g.person_id JOIN platform_registration r ON r.id = p.registration_id "
                        + "WHERE g.district_id = ?1 ORDER BY p.name, p.id")
                .setParameter(1, districtId).getResultList();
        return rows.stream().map(r -> new Grant((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], time(r[5]))).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Candidate> candidates(String districtId, String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.length() < 2) {
            return List.of();
        }
        String like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Object[]> rows = em.createNativeQuery("SELECT p.id, p.name, p.email, r.name, "
                        + "(SELECT COUNT(*) FROM coordinator_grant g WHERE g.district_id = ?1 AND g.person_id = p.id) "
                        + "FROM person p JOIN platform_registration r ON r.id = p.registration_id "
                        + "WHERE (LOWER(p.name) LIKE ?2 ESCAPE '\\' OR LOWER(p.email) LIKE ?2 ESCAPE '\\') AND " + TEACHES_IN_DISTRICT
                        + " ORDER BY p.name, p.id")
                .setParameter(1, districtId).setParameter(2, like).setMaxResults(MAX_CANDIDATES).getResultList();
        return rows.stream().map(r -> new Candidate((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).longValue() > 0)).toList();
    }

    @Override
    @Transactional
    public boolean grant(String districtId, String personId, String grantedById, String grantedByName) {
        long teaches = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM person p WHERE p.id = ?2 AND " + TEACHES_IN_DISTRICT)
                .setParameter(1, districtId).setParameter(2, personId).getSingleResult()).longValue();
        if (teaches == 0) {
            throw new IllegalArgumentException("not a teacher of the district");
        }
        int inserted = em.createNativeQuery("INSERT INTO coordinator_grant (district_id, person_id, granted_by, granted_by_name, granted_at) "
                        + "SELECT ?1, ?2, ?3, ?4, ?5 FROM district d WHERE d.id = ?1 AND NOT EXISTS "
                        + "(SELECT 1 FROM coordinator_grant g WHERE g.district_id = ?1 AND g.person_id = ?2)")
                .setParameter(1, districtId).setParameter(2, personId).setParameter(3, grantedById)
                .setParameter(4, grantedByName == null ? null : grantedByName.substring(0, Math.min(300, grantedByName.length())))
                .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate();
        forgetOnCompletion();
        return inserted > 0;
    }

    @Override
    @Transactional
    @SuppressWarnings("unchecked")
    public boolean revoke(String districtId, String personId) {
        int deleted = em.createNativeQuery("DELETE FROM coordinator_grant WHERE district_id = ?1 AND person_id = ?2")
                .setParameter(1, districtId).setParameter(2, personId).executeUpdate();
        forgetOnCompletion();
        if (deleted == 0) {
            return false;
        }
        // Open sessions lose what the grant gave: the role, and sessions that were coordinator sessions only by it.
        List<Object[]> sessions = em.createNativeQuery("SELECT token_hash, primary_role, app_roles, lti_roles FROM launch_session "
                + "WHERE district_id = ?1 AND person_id = ?2").setParameter(1, districtId).setParameter(2, personId).getResultList();
        for (Object[] s : sessions) {
            Set<AppRole> fromLms = AppRole.fromLtiRoles(List.of(((String) s[3]).split(" ")));
            if (fromLms.contains(AppRole.COORDINATOR)) {
                continue;
            }
            Set<AppRole> kept = EnumSet.noneOf(AppRole.class);
            kept.addAll(AppRole.decode((String) s[2]));
            kept.remove(AppRole.COORDINATOR);
            if (AppRole.COORDINATOR.name().equals(s[1]) || kept.isEmpty()) {
                em.createNativeQuery("DELETE FROM launch_session WHERE token_hash = ?1").setParameter(1, s[0]).executeUpdate();
            } else {
                em.createNativeQuery("UPDATE launch_session SET app_roles = ?1 WHERE token_hash = ?2")
                        .setParameter(1, AppRole.encode(kept)).setParameter(2, s[0]).executeUpdate();
            }
        }
        return true;
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return null;
    }
}
