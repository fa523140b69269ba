package app.tandem.lti.application;

import app.tandem.common.Tokens;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.domain.LaunchSessionEntity;
import app.tandem.lti.domain.MembershipEntity;
import app.tandem.lti.domain.PersonEntity;
import app.tandem.lti.domain.SectionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Records what a valid launch tells about who is where: upserts the person, the section and the membership
 * (writing only what changed) and opens the launch session, all in one transaction.
 */
@ApplicationScoped
public class LaunchRoster {
    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    public record Opened(String token, LaunchSessionEntity session) {
    }

    @Inject
    NonceStore nonces;

    /**
     * Uses the nonce up (until {@code nonceUntil}) and records the launch, in one transaction: all of it or none.
     */
    @Transactional
    public Opened record(ValidatedLaunch launch, String nonce, Instant nonceUntil, String registrationId, String deploymentRowId,
                         String districtId, Set<AppRole> roles, AppRole primary, List<String> frameOrigins, Instant expiresAt) {
        nonces.consume(nonce, nonceUntil);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        PersonEntity person = upsertPerson(launch, registrationId, now);
        SectionEntity section = launch.hasContext() ? upsertSection(launch, registrationId, deploymentRowId, districtId, now) : null;
        if (section != null) {
            upsertMembership(section.id, person.id, launch.roles(), roles, now);
        }
        // The entities carry ids rather than JPA relationships, so EclipseLink cannot order the inserts by foreign
        // key: write the roster rows before the session that references them.
        em.flush();
        String token = Tokens.random(32);
        LaunchSessionEntity s = new LaunchSessionEntity();
        s.tokenHash = Tokens.sha256Hex(token);
        s.personId = person.id;
        s.sectionId = section == null ? null : section.id;
        s.districtId = districtId;
        s.registrationId = registrationId;
        s.deploymentId = launch.deploymentId();
        s.primaryRole = primary.name();
        s.appRoles = AppRole.encode(roles);
        s.ltiRoles = truncate(String.join(" ", launch.roles()), 4000);
        s.messageType = launch.messageType();
        s.personName = truncate(launch.displayName(), 300);
        s.sectionTitle = section == null ? null : (section.title != null ? section.title : section.label);
        s.targetLinkUri = truncate(launch.targetLinkUri(), 2000);
        s.frameOrigins = truncate(String.join(" ", frameOrigins), 2000);
        s.custom = SessionJson.custom(launch.custom());
        s.deepLinking = SessionJson.deepLinking(launch.deepLinking());
        s.createdAt = now;
        s.expiresAt = OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC);
        em.persist(s);
        return new Opened(token, s);
    }

    private PersonEntity upsertPerson(ValidatedLaunch l, String registrationId, OffsetDateTime now) {
        PersonEntity p = em.createQuery("select p from PersonEntity p where p.registrationId = :r and p.subject = :s", PersonEntity.class)
                .setParameter("r", registrationId).setParameter("s", l.subject()).getResultStream().findFirst().orElse(null);
        String name = truncate(l.displayName(), 300);
        String given = truncate(l.givenName(), 200);
        String family = truncate(l.familyName(), 200);
        String email = truncate(l.email(), 320);
        if (p == null) {
            p = new PersonEntity();
            p.id = Tokens.newId();
            p.registrationId = registrationId;
            p.subject = l.subject();
            p.createdAt = now;
            p.name = name;
            p.givenName = given;
            p.familyName = family;
            p.email = email;
            p.updatedAt = now;
            em.persist(p);
        } else if (!Objects.equals(p.name, name) || !Objects.equals(p.givenName, given)
                || !Objects.equals(p.familyName, family) || !Objects.equals(p.email, email)) {
            p.name = name;
            p.givenName = given;
            p.familyName = family;
            p.email = email;
            p.updatedAt = now;
        }
        return p;
    }

    private SectionEntity upsertSection(ValidatedLaunch l, String registrationId, String deploymentRowId, String districtId,
                                        OffsetDateTime now) {
        SectionEntity s = em.createQuery("select s from SectionEntity s where s.registrationId = :r and s.contextId = :c", SectionEntity.class)
                .setParameter("r", registrationId).setParameter("c", l.contextId()).getResultStream().findFirst().orElse(null);
        String title = truncate(l.contextTitle(), 500);
        String label = truncate(l.contextLabel(), 255);
        if (s == null) {
            s = new SectionEntity();
            s.id = Tokens.newId();
            s.registrationId = registrationId;
            s.contextId = l.contextId();
            s.createdAt = now;
            s.deploymentRef = deploymentRowId;
            s.districtId = districtId;
            s.title = title;
            s.label = label;
            s.updatedAt = now;
            applyServices(s, l);
            em.persist(s);
        } else if (!Objects.equals(s.title, title) || !Objects.equals(s.label, label)
                || !Objects.equals(s.districtId, districtId) || !Objects.equals(s.deploymentRef, deploymentRowId)
                || servicesChanged(s, l)) {
            s.title = title;
            s.label = label;
            s.districtId = districtId;
            s.deploymentRef = deploymentRowId;
            s.updatedAt = now;
            applyServices(s, l);
        }
        return s;
    }

    /** Service endpoints are only replaced by newer ones, never cleared by a launch that omits them. */
    private static void applyServices(SectionEntity s, ValidatedLaunch l) {
        if (l.nrpsUrl() != null) {
            s.nrpsUrl = l.nrpsUrl();
        }
        if (l.agsLineItemsUrl() != null) {
            s.agsLineItemsUrl = l.agsLineItemsUrl();
            s.agsScopes = truncate(String.join(" ", l.agsScopes()), 1000);
        }
    }

    private static boolean servicesChanged(SectionEntity s, ValidatedLaunch l) {
        return (l.nrpsUrl() != null && !l.nrpsUrl().equals(s.nrpsUrl))
                || (l.agsLineItemsUrl() != null && (!l.agsLineItemsUrl().equals(s.agsLineItemsUrl)
                || !Objects.equals(truncate(String.join(" ", l.agsScopes()), 1000), s.agsScopes)));
    }

    private void upsertMembership(String sectionId, String personId, List<String> ltiRoles, Set<AppRole> roles, OffsetDateTime now) {
        MembershipEntity m = em.createQuery("select m from MembershipEntity m where m.sectionId = :s and m.personId = :p", MembershipEntity.class)
                .setParameter("s", sectionId).setParameter("p", personId).getResultStream().findFirst().orElse(null);
        String encodedLti = truncate(String.join(" ", ltiRoles), 4000);
        String encodedApp = AppRole.encode(roles);
        if (m == null) {
            m = new MembershipEntity();
            m.id = Tokens.newId();
            m.sectionId = sectionId;
            m.personId = personId;
            m.ltiRoles = encodedLti;
            m.appRoles = encodedApp;
            m.lastLaunchAt = now;
            m.source = "launch";
            m.status = "Active";
            em.persist(m);
        } else if (!encodedLti.equals(m.ltiRoles) || !encodedApp.equals(m.appRoles) || !"launch".equals(m.source)
                || !"Active".equals(m.status) || m.lastLaunchAt == null || m.lastLaunchAt.isBefore(now.minusHours(1))) {
            // last_launch_at is kept to the hour: most launches then write nothing here
            m.ltiRoles = encodedLti;
            m.appRoles = encodedApp;
            m.lastLaunchAt = now;
            m.source = "launch";
            m.status = "Active";
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
