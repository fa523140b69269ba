package app.tandem.lti.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Tokens;
import app.tandem.lti.api.PlatformRegistrations.Registration;
import app.tandem.lti.api.PlatformRegistrations.RegistrationInput;
import app.tandem.lti.domain.DeploymentEntity;
import app.tandem.lti.domain.DynamicRegistrationEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores the outcome of a dynamic registration in one transaction: the platform registration (created, or updated
 * when the platform gave the same issuer + client_id again), its deployment mapped to the link's district, and a
 * record of the registration. A registration or deployment that already belongs to another district is never
 * moved by a link: that is a conflict for Tandem's administrator.
 */
@ApplicationScoped
public class DynamicRegistrationStore {
    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    RegistrationService registrations;

    /** What was stored. */
    public record Saved(Registration registration, boolean updated, String deploymentId, boolean adoptsDeployments) {
    }

    @Transactional
    public Saved save(RegistrationLinks.Link link, PlatformConfiguration platform, String clientId, String deploymentId,
                      List<ToolRegistrationRequest.OfferedMessage> messages, Instant now) {
        String district = link.districtId();
        Optional<Registration> existing = registrations.find(platform.issuer(), clientId);
        Set<String> frameOrigins = new LinkedHashSet<>();
        existing.ifPresent(r -> frameOrigins.addAll(r.frameOrigins()));
        if (platform.canvasAccountDomain() != null) {
            frameOrigins.add("https://" + platform.canvasAccountDomain());
        }
        Registration reg;
        if (existing.isPresent()) {
            Registration r = existing.get();
            boolean otherDistrict = r.deployments().stream().anyMatch(d -> !d.districtId().equals(district))
                    || adoptionDistrict(r.id()).filter(d -> !d.equals(district)).isPresent();
            if (otherDistrict) {
                throw new RegistrationFailedException(RegistrationProblem.REGISTRATION_CONFLICT,
                        "issuer " + platform.issuer() + " client_id " + clientId + " is registered for another district");
            }
            reg = registrations.update(r.id(), new RegistrationInput(platform.issuer(), clientId, r.name(),
                    platform.authorizationEndpoint(), platform.tokenEndpoint(), platform.jwksUri(), new ArrayList<>(frameOrigins)));
        } else {
            reg = registrations.create(new RegistrationInput(platform.issuer(), clientId, platform.displayName(),
                    platform.authorizationEndpoint(), platform.tokenEndpoint(), platform.jwksUri(), new ArrayList<>(frameOrigins)));
        }
        boolean adopt = deploymentId == null;
        if (!adopt && reg.deployments().stream().noneMatch(d -> d.deploymentId().equals(deploymentId))) {
            registrations.addDeployment(reg.id(), deploymentId, district, label(link));
        }
        DynamicRegistrationEntity record = new DynamicRegistrationEntity();
        record.id = Tokens.newId();
        record.linkId = link.id();
        record.registrationId = reg.id();
        record.districtId = district;
        record.productFamilyCode = truncate(platform.productFamilyCode(), 100);
        record.deploymentId = deploymentId;
        record.adoptDeployments = adopt;
        record.messages = truncate(messages.stream().map(Object::toString).collect(Collectors.joining(" ")), 2000);
        record.createdAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        em.persist(record);
        return new Saved(registrations.get(reg.id()).orElseThrow(), existing.isPresent(), deploymentId, adopt);
    }

    /** The district that new deployments of this registration are mapped to at their first launch, if any. */
    public Optional<String> adoptionDistrict(String registrationId) {
        return em.createQuery("select d.districtId from DynamicRegistrationEntity d where d.registrationId = :r "
                        + "and d.adoptDeployments = true order by d.createdAt desc", String.class)
                .setParameter("r", registrationId).setMaxResults(1).getResultStream().findFirst();
    }

    /** Inserts an adopted deployment in its own transaction (a unique-key clash means another launch adopted it). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void insertDeployment(String registrationId, String deploymentId, String districtId, Instant now) {
        DeploymentEntity d = new DeploymentEntity();
        d.id = Tokens.newId();
        d.registrationId = registrationId;
        d.deploymentId = deploymentId;
        d.districtId = districtId;
        d.label = "Adopted at its first launch (dynamic registration)";
        d.createdAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        em.persist(d);
        em.flush();
    }

    private static String label(RegistrationLinks.Link link) {
        return link.label() != null ? link.label() : "Dynamic registration";
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Field errors from the registration rules, for the administrator's page. */
    static String describe(InvalidRequestException e) {
        return e.fields().isEmpty() ? e.getMessage()
                : e.fields().entrySet().stream().map(f -> f.getKey() + " " + f.getValue()).collect(Collectors.joining(", "));
    }
}
