package app.tandem.lti.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Settings;
import app.tandem.common.Tokens;
import app.tandem.lti.api.RegistrationLinkIssuer;
import app.tandem.lti.api.TenantDirectory;
import app.tandem.lti.domain.RegistrationLinkEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registration links: what a coordinator pastes into an LMS to register Tandem with LTI Dynamic Registration. A
 * link carries a 256-bit random token (only its SHA-256 is stored), registers platforms into one district, expires
 * (24 hours by default, at most 30 days), can be revoked, and is used up after {@code maxUses} successful
 * registrations (1 by default). A registered platform can launch anyone into its district, so links are secrets.
 */
@ApplicationScoped
public class RegistrationLinks implements RegistrationLinkIssuer {
    public static final String PATH = "/lti/dynamic-registration";
    public static final double DEFAULT_VALID_HOURS = 24;
    public static final double MAX_VALID_HOURS = 720;
    public static final int DEFAULT_MAX_USES = 1;
    public static final int MAX_MAX_USES = 100;
    static final int PREFIX_LENGTH = 6;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    TenantDirectory tenants;

    @Inject
    Settings settings;

    public enum Status { ACTIVE, EXPIRED, REVOKED, USED_UP }

    public record Link(String id, String tokenPrefix, String districtId, String label, int maxUses, int uses,
                       OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, OffsetDateTime usedAt) {
        public Status status(Instant now) {
            if (revokedAt != null) {
                return Status.REVOKED;
            }
            if (!now.isBefore(expiresAt.toInstant())) {
                return Status.EXPIRED;
            }
            return uses >= maxUses ? Status.USED_UP : Status.ACTIVE;
        }
    }

    /** A new link: the token and the URL to paste are shown only now. */
    public record Created(Link link, String token, String url) {
    }

    @Transactional
    public Created create(String districtId, String label, Double validHours, Integer maxUses, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (districtId == null || districtId.isBlank()) {
            errors.put("districtId", "required");
        } else if (tenants.districtName(districtId.strip()).isEmpty()) {
            errors.put("districtId", "no district has this id");
        }
        if (label != null && label.strip().length() > 200) {
            errors.put("label", "at most 200 characters");
        }
        double hours = validHours == null ? DEFAULT_VALID_HOURS : validHours;
        if (!(hours > 0) || hours > MAX_VALID_HOURS) {
            errors.put("validHours", "a number of hours greater than 0 and at most " + (int) MAX_VALID_HOURS);
        }
        int uses = maxUses == null ? DEFAULT_MAX_USES : maxUses;
        if (uses < 1 || uses > MAX_MAX_USES) {
            errors.put("maxUses", "a whole number from 1 to " + MAX_MAX_USES);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The registration link is not valid.", errors);
        }
        String token = Tokens.random(32);
        RegistrationLinkEntity e = new RegistrationLinkEntity();
        e.id = Tokens.newId();
        e.tokenHash = Tokens.sha256Hex(token);
        e.tokenPrefix = token.substring(0, PREFIX_LENGTH);
        e.districtId = districtId.strip();
        e.label = label == null || label.isBlank() ? null : label.strip();
        e.maxUses = uses;
        e.uses = 0;
        e.createdAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        e.expiresAt = OffsetDateTime.ofInstant(now.plus(Duration.ofMillis(Math.round(hours * 3_600_000))), ZoneOffset.UTC);
        em.persist(e);
        return new Created(view(e), token, url(token));
    }

    /** The URL an LMS administrator pastes: {@code <TANDEM_BASE_URL>/lti/dynamic-registration?link=<token>}. */
    public String url(String token) {
        return settings.url(PATH) + "?link=" + token;
    }

    public List<Link> list() {
        return em.createQuery("select l from RegistrationLinkEntity l order by l.createdAt desc", RegistrationLinkEntity.class)
                .getResultList().stream().map(RegistrationLinks::view).toList();
    }

    public Optional<Link> get(String id) {
        return Optional.ofNullable(id == null ? null : em.find(RegistrationLinkEntity.class, id)).map(RegistrationLinks::view);
    }

    /** Revokes a link (idempotent); false when there is no such link. */
    @Transactional
    public boolean revoke(String id, Instant now) {
        RegistrationLinkEntity e = id == null ? null : em.find(RegistrationLinkEntity.class, id);
        if (e == null) {
            return false;
        }
        if (e.revokedAt == null) {
            e.revokedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        }
        return true;
    }

    @Override
    @Transactional
    public IssuedLink issue(String districtId, String label) {
        Instant now = Instant.now();
        Created created = create(districtId, label, null, null, now);
        return issued(created.link(), now, created.url());
    }

    @Override
    public List<IssuedLink> forDistrict(String districtId) {
        Instant now = Instant.now();
        return em.createQuery("select l from RegistrationLinkEntity l where l.districtId = :d order by l.createdAt desc",
                        RegistrationLinkEntity.class)
                .setParameter("d", districtId).setMaxResults(100).getResultList().stream()
                .map(e -> issued(view(e), now, null)).toList();
    }

    @Override
    @Transactional
    public boolean revoke(String districtId, String linkId) {
        RegistrationLinkEntity e = linkId == null ? null : em.find(RegistrationLinkEntity.class, linkId);
        if (e == null || !e.districtId.equals(districtId)) {
            return false;
        }
        return revoke(linkId, Instant.now());
    }

    private static IssuedLink issued(Link l, Instant now, String url) {
        return new IssuedLink(l.id(), l.label(), l.tokenPrefix(), l.status(now).name().toLowerCase(Locale.ROOT), l.uses(),
                l.maxUses(), l.expiresAt(), url);
    }

    /** The active link with this token, or the reason it cannot be used. */
    public Link check(String token, Instant now) {
        if (token == null || token.isBlank()) {
            throw new RegistrationFailedException(RegistrationProblem.LINK_MISSING, "no link parameter");
        }
        Link link = token.length() > 200 ? null : findByToken(token.strip()).orElse(null);
        if (link == null) {
            throw new RegistrationFailedException(RegistrationProblem.LINK_UNKNOWN, "no link with this token");
        }
        return requireActive(link, now);
    }

    /**
     * Takes one use of the link, atomically (two registrations racing for the last use: one wins). Give it back
     * with {@link #release} when the registration then fails.
     */
    @Transactional
    public void claim(String linkId, Instant now) {
        int updated = em.createQuery("update RegistrationLinkEntity l set l.uses = l.uses + 1, l.usedAt = :now "
                        + "where l.id = :id and l.revokedAt is null and l.expiresAt > :now and l.uses < l.maxUses")
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .setParameter("id", linkId)
                .executeUpdate();
        if (updated == 0) {
            Link link = get(linkId).orElseThrow(() ->
                    new RegistrationFailedException(RegistrationProblem.LINK_UNKNOWN, "link deleted during the registration"));
            requireActive(link, now);
            throw new RegistrationFailedException(RegistrationProblem.LINK_USED, "link used up during the registration");
        }
    }

    @Transactional
    public void release(String linkId) {
        em.createQuery("update RegistrationLinkEntity l set l.uses = l.uses - 1 where l.id = :id and l.uses > 0")
                .setParameter("id", linkId)
                .executeUpdate();
    }

    private static Link requireActive(Link link, Instant now) {
        return switch (link.status(now)) {
            case ACTIVE -> link;
            case REVOKED -> throw new RegistrationFailedException(RegistrationProblem.LINK_REVOKED, "link revoked");
            case EXPIRED -> throw new RegistrationFailedException(RegistrationProblem.LINK_EXPIRED, "link expired at " + link.expiresAt());
            case USED_UP -> throw new RegistrationFailedException(RegistrationProblem.LINK_USED,
                    "link used " + link.uses() + " of " + link.maxUses() + " times");
        };
    }

    private Optional<Link> findByToken(String token) {
        return em.createQuery("select l from RegistrationLinkEntity l where l.tokenHash = :h", RegistrationLinkEntity.class)
                .setParameter("h", Tokens.sha256Hex(token)).getResultStream().findFirst().map(RegistrationLinks::view);
    }

    private static Link view(RegistrationLinkEntity e) {
        return new Link(e.id, e.tokenPrefix, e.districtId, e.label, e.maxUses, e.uses, e.createdAt, e.expiresAt, e.revokedAt, e.usedAt);
    }
}
