package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.common.Tokens;
import app.tandem.coteaching.domain.CodeFailureEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Limits guessing of invitation codes: a person who entered {@link #LIMIT} codes that did not work in the last
 * {@link #WINDOW} is refused (429) until the oldest of them is older than that. Kept in the database, so it holds
 * across servers.
 */
@ApplicationScoped
public class CodeAttempts {
    public static final int LIMIT = 10;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    /** 429 when the person used up their failures. */
    public void check(String personId) {
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minus(WINDOW);
        long failures = em.createQuery("select count(f) from CodeFailureEntity f where f.personId = :p and f.failedAt > :since", Long.class)
                .setParameter("p", personId).setParameter("since", since).getSingleResult();
        if (failures >= LIMIT) {
            throw new InvalidRequestException(429, "Too many codes that did not work. Wait " + WINDOW.toMinutes()
                    + " minutes, then enter the code again, exactly as the teacher who invited you shared it.", Map.of("code", "too-many-attempts"));
        }
    }

    /** Counts a code that did not work; its own transaction, since the join's transaction rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(String personId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Failures older than the window no longer count for anyone: purge them here (the table stays tiny).
        em.createQuery("delete from CodeFailureEntity f where f.failedAt < :old")
                .setParameter("old", now.minus(WINDOW.multipliedBy(4))).executeUpdate();
        CodeFailureEntity f = new CodeFailureEntity();
        f.id = Tokens.newId();
        f.personId = personId;
        f.failedAt = now;
        em.persist(f);
    }
}
