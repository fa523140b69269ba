package app.tandem.district.application;

import app.tandem.common.AuditTrail;
import app.tandem.common.InvalidRequestException;
import app.tandem.common.Tokens;
import app.tandem.district.domain.DistrictEntity;
import app.tandem.lti.api.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Creates, lists and renames districts; tells {@code lti} which districts exist. */
@ApplicationScoped
public class DistrictService implements TenantDirectory {

    public record District(String id, String name) {
    }

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    AuditTrail audit;

    public List<District> list() {
        return em.createQuery("select d from DistrictEntity d order by d.name", DistrictEntity.class).getResultList()
                .stream().map(DistrictService::view).toList();
    }

    public Optional<District> get(String id) {
        return Optional.ofNullable(id == null ? null : em.find(DistrictEntity.class, id)).map(DistrictService::view);
    }

    /**
     * Read on every page a launch opens; names change rarely. Kept per server for a short time (a rename on
     * another server shows within {@link #NAME_TTL}; on this one at once).
     */
    @Override
    public Optional<String> districtName(String districtId) {
        if (districtId == null) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        CachedName cached = names.get(districtId);
        if (cached != null && now - cached.expiresAt() < 0) {
            return Optional.of(cached.name());
        }
        Optional<String> name = get(districtId).map(District::name);
        name.ifPresent(n -> names.put(districtId, new CachedName(n, now + NAME_TTL.toNanos())));
        return name;
    }

    private static final Duration NAME_TTL = Duration.ofSeconds(30);

    private record CachedName(String name, long expiresAt) {
    }

    private final Map<String, CachedName> names = new ConcurrentHashMap<>();

    /** Drops this server's cached name of a district (after its erasure). */
    void forget(String districtId) {
        names.remove(districtId);
    }

    /** Creates a district through the admin API (logged in the new district's audit log). */
    @Transactional
    public District create(String name) {
        District d = create(Tokens.newId(), name);
        em.flush();
        audit.record(d.id(), AuditTrail.Actor.adminApi(), "district.created", AuditTrail.Target.of("district", d.id(), d.name()), null);
        return d;
    }

    /** Creates a district with a chosen id, or returns it when it exists (idempotent set-up, e.g. the demo). */
    @Transactional
    public District ensure(String id, String name) {
        DistrictEntity existing = em.find(DistrictEntity.class, id);
        return existing != null ? view(existing) : create(id, name);
    }

    @Transactional
    public District rename(String id, String name) {
        DistrictEntity d = em.find(DistrictEntity.class, id);
        if (d == null) {
            throw new InvalidRequestException(404, "No district " + id + ".", Map.of());
        }
        String before = d.name;
        d.name = validName(name);
        names.remove(id);
        audit.record(id, AuditTrail.Actor.adminApi(), "district.renamed", AuditTrail.Target.of("district", id, d.name), "was: " + before);
        return view(d);
    }

    private District create(String id, String name) {
        DistrictEntity d = new DistrictEntity();
        d.id = id;
        d.name = validName(name);
        d.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.persist(d);
        return view(d);
    }

    private static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("The district needs a name.", Map.of("name", "required"));
        }
        if (name.strip().length() > 200) {
            throw new InvalidRequestException("The district name is too long.", Map.of("name", "at most 200 characters"));
        }
        return name.strip();
    }

    private static District view(DistrictEntity d) {
        return new District(d.id, d.name);
    }
}
