package app.tandem.lti.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Tokens;
import app.tandem.lti.api.PlatformRegistrations;
import app.tandem.lti.api.TenantDirectory;
import app.tandem.lti.domain.DeploymentEntity;
import app.tandem.lti.domain.PlatformRegistrationEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Platform registrations and their deployments, with the validation the admin API reports field by field. */
@ApplicationScoped
public class RegistrationService implements PlatformRegistrations {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    TenantDirectory tenants;

    @Inject
    PlatformKeys platformKeys;

    // Read on every login and launch, changed rarely: see TtlCache.
    private static final Duration LOOKUP_TTL = Duration.ofSeconds(30);
    private final TtlCache<String, PlatformRegistrationEntity> registrationsById = new TtlCache<>(LOOKUP_TTL, RegistrationService::copy);
    private final TtlCache<List<String>, PlatformRegistrationEntity> registrationsByClient = new TtlCache<>(LOOKUP_TTL, RegistrationService::copy);
    private final TtlCache<List<String>, DeploymentEntity> deploymentsById = new TtlCache<>(LOOKUP_TTL, RegistrationService::copy);

    @Override
    public List<Registration> list() {
        return em.createQuery("select r from PlatformRegistrationEntity r order by r.name, r.issuer", PlatformRegistrationEntity.class)
                .getResultList().stream().map(this::view).toList();
    }

    @Override
    public Optional<Registration> get(String id) {
        return Optional.ofNullable(id == null ? null : em.find(PlatformRegistrationEntity.class, id)).map(this::view);
    }

    @Override
    public Optional<Registration> find(String issuer, String clientId) {
        return findEntity(issuer, clientId).map(this::view);
    }

    public Optional<PlatformRegistrationEntity> findEntity(String issuer, String clientId) {
        return em.createQuery("select r from PlatformRegistrationEntity r where r.issuer = :i and r.clientId = :c",
                        PlatformRegistrationEntity.class)
                .setParameter("i", issuer).setParameter("c", clientId).getResultStream().findFirst();
    }

    public List<PlatformRegistrationEntity> byIssuer(String issuer) {
        return em.createQuery("select r from PlatformRegistrationEntity r where r.issuer = :i", PlatformRegistrationEntity.class)
                .setParameter("i", issuer).setMaxResults(2).getResultList();
    }

    public PlatformRegistrationEntity entity(String id) {
        return id == null ? null : em.find(PlatformRegistrationEntity.class, id);
    }

    /** As {@link #entity}, from the per-server look-up cache (a detached copy): for the launch hot path. */
    public PlatformRegistrationEntity cachedEntity(String id) {
        return id == null ? null : registrationsById.get(id, key -> Optional.ofNullable(entity(key))).orElse(null);
    }

    /** As {@link #findEntity}, from the per-server look-up cache (a detached copy). */
    public Optional<PlatformRegistrationEntity> cachedEntity(String issuer, String clientId) {
        return registrationsByClient.get(List.of(issuer, clientId), key -> findEntity(issuer, clientId));
    }

    /** As {@link #deployment}, from the per-server look-up cache (a detached copy). */
    public Optional<DeploymentEntity> cachedDeployment(String registrationId, String deploymentId) {
        return deploymentsById.get(List.of(registrationId, deploymentId), key -> deployment(registrationId, deploymentId));
    }

    /** Forgets cached registrations and deployments after a change made on this server. */
    public void evictLookups() {
        registrationsById.clear();
        registrationsByClient.clear();
        deploymentsById.clear();
    }

    private static PlatformRegistrationEntity copy(PlatformRegistrationEntity r) {
        PlatformRegistrationEntity c = new PlatformRegistrationEntity();
        c.id = r.id;
        c.issuer = r.issuer;
        c.clientId = r.clientId;
        c.name = r.name;
        c.authEndpoint = r.authEndpoint;
        c.tokenEndpoint = r.tokenEndpoint;
        c.tokenAudience = r.tokenAudience;
        c.jwksUrl = r.jwksUrl;
        c.frameOrigins = r.frameOrigins;
        c.createdAt = r.createdAt;
        c.updatedAt = r.updatedAt;
        c.version = r.version;
        return c;
    }

    private static DeploymentEntity copy(DeploymentEntity d) {
        DeploymentEntity c = new DeploymentEntity();
        c.id = d.id;
        c.registrationId = d.registrationId;
        c.deploymentId = d.deploymentId;
        c.districtId = d.districtId;
        c.label = d.label;
        c.createdAt = d.createdAt;
        return c;
    }

    public Optional<DeploymentEntity> deployment(String registrationId, String deploymentId) {
        return em.createQuery("select d from DeploymentEntity d where d.registrationId = :r and d.deploymentId = :d",
                        DeploymentEntity.class)
                .setParameter("r", registrationId).setParameter("d", deploymentId).getResultStream().findFirst();
    }

    @Override
    @Transactional
    public Registration create(RegistrationInput input) {
        validate(input);
        if (findEntity(input.issuer().strip(), input.clientId().strip()).isPresent()) {
            throw new InvalidRequestException(409, "A registration with this issuer and client_id already exists.",
                    Map.of("clientId", "already registered for this issuer"));
        }
        PlatformRegistrationEntity r = new PlatformRegistrationEntity();
        r.id = Tokens.newId();
        r.createdAt = now();
        apply(r, input);
        em.persist(r);
        em.flush();
        return view(r);
    }

    @Override
    @Transactional
    public Registration update(String id, RegistrationInput input) {
        evictLookups();
        PlatformRegistrationEntity r = em.find(PlatformRegistrationEntity.class, id);
        if (r == null) {
            throw new InvalidRequestException(404, "No registration " + id + ".", Map.of());
        }
        validate(input);
        Optional<PlatformRegistrationEntity> clash = findEntity(input.issuer().strip(), input.clientId().strip());
        if (clash.isPresent() && !clash.get().id.equals(id)) {
            throw new InvalidRequestException(409, "Another registration has this issuer and client_id.",
                    Map.of("clientId", "already registered for this issuer"));
        }
        platformKeys.evict(r.jwksUrl);
        apply(r, input);
        return view(r);
    }

    @Override
    @Transactional
    public boolean delete(String id) {
        evictLookups();
        PlatformRegistrationEntity r = em.find(PlatformRegistrationEntity.class, id);
        if (r == null) {
            return false;
        }
        platformKeys.evict(r.jwksUrl);
        em.createQuery("delete from DeploymentEntity d where d.registrationId = :r").setParameter("r", id).executeUpdate();
        em.remove(r);
        return true;
    }

    @Override
    @Transactional
    public Deployment addDeployment(String registrationId, String deploymentId, String districtId, String label) {
        if (em.find(PlatformRegistrationEntity.class, registrationId) == null) {
            throw new InvalidRequestException(404, "No registration " + registrationId + ".", Map.of());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(deploymentId)) {
            errors.put("deploymentId", "required");
        } else if (deploymentId.length() > 255) {
            errors.put("deploymentId", "at most 255 characters");
        }
        checkDistrict(districtId, errors);
        checkLabel(label, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The deployment is not valid.", errors);
        }
        if (deployment(registrationId, deploymentId.strip()).isPresent()) {
            throw new InvalidRequestException(409, "This deployment is already registered.",
                    Map.of("deploymentId", "already registered for this platform"));
        }
        DeploymentEntity d = new DeploymentEntity();
        d.id = Tokens.newId();
        d.registrationId = registrationId;
        d.deploymentId = deploymentId.strip();
        d.districtId = districtId.strip();
        d.label = blank(label) ? null : label.strip();
        d.createdAt = now();
        em.persist(d);
        em.flush();
        return view(d);
    }

    @Override
    @Transactional
    public Deployment mapDeployment(String registrationId, String deploymentRowId, String districtId, String label) {
        evictLookups();
        DeploymentEntity d = em.find(DeploymentEntity.class, deploymentRowId);
        if (d == null || !d.registrationId.equals(registrationId)) {
            throw new InvalidRequestException(404, "No deployment " + deploymentRowId + " in registration " + registrationId + ".", Map.of());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        checkDistrict(districtId, errors);
        checkLabel(label, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The deployment is not valid.", errors);
        }
        d.districtId = districtId.strip();
        if (label != null) {
            d.label = label.isBlank() ? null : label.strip();
        }
        return view(d);
    }

    @Override
    @Transactional
    public boolean removeDeployment(String registrationId, String deploymentRowId) {
        evictLookups();
        DeploymentEntity d = em.find(DeploymentEntity.class, deploymentRowId);
        if (d == null || !d.registrationId.equals(registrationId)) {
            return false;
        }
        em.remove(d);
        return true;
    }

    private void checkDistrict(String districtId, Map<String, String> errors) {
        if (blank(districtId)) {
            errors.put("districtId", "required");
        } else if (tenants.districtName(districtId.strip()).isEmpty()) {
            errors.put("districtId", "no district has this id");
        }
    }

    private static void checkLabel(String label, Map<String, String> errors) {
        if (label != null && label.length() > 200) {
            errors.put("label", "at most 200 characters");
        }
    }

    private static void validate(RegistrationInput in) {
        Map<String, String> errors = new LinkedHashMap<>();
        checkUrl("issuer", in.issuer(), errors);
        if (blank(in.clientId())) {
            errors.put("clientId", "required");
        } else if (in.clientId().length() > 255) {
            errors.put("clientId", "at most 255 characters");
        }
        if (blank(in.name())) {
            errors.put("name", "required");
        } else if (in.name().length() > 200) {
            errors.put("name", "at most 200 characters");
        }
        checkUrl("authEndpoint", in.authEndpoint(), errors);
        checkUrl("jwksUrl", in.jwksUrl(), errors);
        if (!blank(in.tokenEndpoint())) {
            checkUrl("tokenEndpoint", in.tokenEndpoint(), errors);
        }
        if (in.frameOrigins() != null) {
            for (String origin : in.frameOrigins()) {
                if (origin == null || !origin.equals(Origins.of(origin))) {
                    errors.put("frameOrigins", "each must be an origin such as https://district.instructure.com");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The registration is not valid.", errors);
        }
    }

    /** https everywhere; http only for a loopback host (development and tests). */
    private static void checkUrl(String field, String value, Map<String, String> errors) {
        if (blank(value)) {
            errors.put(field, "required");
            return;
        }
        if (value.length() > 1000) {
            errors.put(field, "at most 1000 characters");
            return;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (uri.getHost() == null || !(scheme.equals("https") || (scheme.equals("http") && Origins.isLoopback(uri.getHost())))) {
                errors.put(field, "must be an https URL (http only for localhost)");
            }
        } catch (Exception e) {
            errors.put(field, "not a URL");
        }
    }

    private void apply(PlatformRegistrationEntity r, RegistrationInput in) {
        r.issuer = in.issuer().strip();
        r.clientId = in.clientId().strip();
        r.name = in.name().strip();
        r.authEndpoint = in.authEndpoint().strip();
        r.tokenEndpoint = blank(in.tokenEndpoint()) ? null : in.tokenEndpoint().strip();
        r.jwksUrl = in.jwksUrl().strip();
        r.frameOrigins = in.frameOrigins() == null || in.frameOrigins().isEmpty() ? null : String.join(" ", in.frameOrigins());
        r.updatedAt = now();
    }

    private Registration view(PlatformRegistrationEntity r) {
        List<Deployment> deployments = em.createQuery(
                        "select d from DeploymentEntity d where d.registrationId = :r order by d.createdAt", DeploymentEntity.class)
                .setParameter("r", r.id).getResultList().stream().map(RegistrationService::view).toList();
        return new Registration(r.id, r.issuer, r.clientId, r.name, r.authEndpoint, r.tokenEndpoint, r.jwksUrl,
                r.frameOrigins == null ? List.of() : Arrays.asList(r.frameOrigins.split(" ")), deployments);
    }

    private static Deployment view(DeploymentEntity d) {
        return new Deployment(d.id, d.deploymentId, d.districtId, d.label);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
