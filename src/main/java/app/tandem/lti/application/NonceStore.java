package app.tandem.lti.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Single use of nonces, enforced by the database's primary key so it holds across any number of servers. */
@ApplicationScoped
public class NonceStore {
    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    /**
     * Records the nonce as used, in the launch's own transaction (so a refused launch leaves no trace and a good
     * one costs no extra commit); a second use is refused with {@link Rejection#NONCE_REUSED}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void consume(String nonce, Instant rememberUntil) {
        try {
            em.createNativeQuery("insert into lti_nonce (nonce, expires_at) values (?1, ?2)")
                    .setParameter(1, nonce)
                    .setParameter(2, OffsetDateTime.ofInstant(rememberUntil, ZoneOffset.UTC))
                    .executeUpdate();
        } catch (PersistenceException e) {
            throw new LaunchRejectedException(Rejection.NONCE_REUSED, "nonce already used");
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeExpired(Instant now) {
        return em.createNativeQuery("delete from lti_nonce where expires_at < ?1")
                .setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).executeUpdate();
    }
}
