package app.tandem.lti.application;

import app.tandem.common.Tokens;
import app.tandem.lti.api.AppRole;
import app.tandem.lti.api.LaunchContext;
import app.tandem.lti.api.LaunchSessions;
import app.tandem.lti.domain.LaunchSessionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Looks up launch sessions by the hash of their bearer token. */
@ApplicationScoped
public class LaunchSessionService implements LaunchSessions {
    private static final int TOKEN_LENGTH = 43; // 32 random bytes, base64url

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Override
    public Optional<LaunchContext> resolve(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return Optional.empty();
        }
        LaunchSessionEntity s = em.find(LaunchSessionEntity.class, Tokens.sha256Hex(token));
        if (s == null || s.expiresAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            return Optional.empty();
        }
        return Optional.of(toContext(token, s));
    }

    LaunchContext toContext(String token, LaunchSessionEntity s) {
        List<String> origins = s.frameOrigins == null || s.frameOrigins.isBlank() ? List.of() : Arrays.asList(s.frameOrigins.split(" "));
        return new LaunchContext(token, s.personId, s.personName, s.sectionId, s.sectionTitle, s.districtId,
                s.registrationId, s.deploymentId, AppRole.valueOf(s.primaryRole), AppRole.decode(s.appRoles),
                s.messageType, s.targetLinkUri, origins, s.expiresAt, SessionJson.custom(s.custom),
                SessionJson.deepLinking(s.deepLinking));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeExpired(OffsetDateTime now) {
        return em.createQuery("delete from LaunchSessionEntity s where s.expiresAt < :now").setParameter("now", now).executeUpdate();
    }
}
