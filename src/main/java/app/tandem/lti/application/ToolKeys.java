package app.tandem.lti.application;

import app.tandem.common.SecretBox;
import app.tandem.common.Tokens;
import app.tandem.lti.domain.ToolKeyEntity;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/**
 * The tool's keys: RSA-2048 keys that sign Tandem's JWTs (published at /.well-known/jwks.json) and HMAC keys of
 * OIDC state tokens. Created on first start, stored encrypted under the master key ({@link SecretBox}), shared by all servers
 * through the database.
 *
 * <p>Rotation without failures: a new key is published {@code lead} before it starts signing (platforms that
 * cache Tandem's JWKS learn it in time), and the old key stays published for {@code overlap} after the switch
 * (messages it signed are still checked). Every server switches at the stored {@code activate_at}, by its own
 * clock, and reloads the key table every minute, so no coordination is needed.
 */
@ApplicationScoped
public class ToolKeys {
    private static final Logger LOG = Logger.getLogger(ToolKeys.class.getName());
    private static final String BOOTSTRAP_SIGNING_ID = "bootstrap-signing";
    private static final String BOOTSTRAP_STATE_ID = "bootstrap-state";

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    SecretBox masterKey;

    /** A decrypted key with its schedule. */
    public record ScheduledKey(String id, String purpose, JWK jwk, Instant activateAt, Instant retireAt) {
        boolean publishedAt(Instant now) {
            return retireAt == null || now.isBefore(retireAt);
        }

        boolean activeAt(Instant now) {
            return !now.isBefore(activateAt) && publishedAt(now);
        }

        /** next (published, not signing yet), current (signs now), retiring (replaced, still published), retired. */
        public String status(Instant now, List<ScheduledKey> all) {
            if (!publishedAt(now)) return "retired";
            if (now.isBefore(activateAt)) return "next";
            boolean newer = all.stream().anyMatch(k -> k.purpose().equals(purpose) && k.activeAt(now) && k.activateAt().isAfter(activateAt));
            return newer ? "retiring" : "current";
        }
    }

    private volatile List<ScheduledKey> keys;

    /** The key that signs now (private part included): the newest activated signing key. */
    public RSAKey signingKey() {
        return current(ToolKeyEntity.PURPOSE_SIGNING).jwk().toRSAKey();
    }

    public OctetSequenceKey stateKey() {
        return current(ToolKeyEntity.PURPOSE_STATE).jwk().toOctetSequenceKey();
    }

    /** A state key that may still verify (current, next or retiring), by kid; null when unknown or retired. */
    public OctetSequenceKey stateKey(String kid) {
        Instant now = Instant.now();
        return loaded().stream().filter(k -> k.purpose().equals(ToolKeyEntity.PURPOSE_STATE) && k.publishedAt(now)
                        && k.jwk().getKeyID().equals(kid))
                .map(k -> k.jwk().toOctetSequenceKey()).findFirst().orElse(null);
    }

    /** The public JWKS: every signing key that is published now (next, current and retiring). */
    public JWKSet publicJwks() {
        Instant now = Instant.now();
        List<JWK> published = new ArrayList<>();
        loaded().stream().filter(k -> k.purpose().equals(ToolKeyEntity.PURPOSE_SIGNING) && k.publishedAt(now))
                .sorted(Comparator.comparing(ScheduledKey::activateAt))
                .forEach(k -> published.add(k.jwk().toPublicJWK()));
        return new JWKSet(published);
    }

    public List<ScheduledKey> schedule() {
        return loaded();
    }

    private ScheduledKey current(String purpose) {
        Instant now = Instant.now();
        return loaded().stream().filter(k -> k.purpose().equals(purpose) && k.activeAt(now))
                .max(Comparator.comparing(ScheduledKey::activateAt))
                .orElseThrow(() -> new IllegalStateException("no active " + purpose + " key; keys are created at start-up"));
    }

    private List<ScheduledKey> loaded() {
        List<ScheduledKey> k = keys;
        if (k == null) {
            synchronized (this) {
                if (keys == null) {
                    reload();
                }
                k = keys;
            }
        }
        return k;
    }

    /** Re-reads the key table (every minute from {@link Housekeeping}, and after a rotation on this server). */
    public void reload() {
        List<ScheduledKey> fresh = new ArrayList<>();
        for (ToolKeyEntity e : em.createQuery("select k from ToolKeyEntity k", ToolKeyEntity.class).getResultList()) {
            try {
                fresh.add(new ScheduledKey(e.id, e.purpose, JWK.parse(masterKey.decrypt(e.privateJwe)),
                        (e.activateAt != null ? e.activateAt : e.createdAt).toInstant(), e.retireAt == null ? null : e.retireAt.toInstant()));
            } catch (ParseException ex) {
                throw new IllegalStateException("stored tool key " + e.kid + " is not a JWK", ex);
            }
        }
        keys = List.copyOf(fresh);
    }

    /** Creates the first keys if this database has none. Several servers may race here: the fixed ids make one win. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean createMissingKeys() {
        boolean created = false;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (em.find(ToolKeyEntity.class, BOOTSTRAP_SIGNING_ID) == null && count(ToolKeyEntity.PURPOSE_SIGNING) == 0) {
            em.persist(entity(BOOTSTRAP_SIGNING_ID, newSigningKey(), ToolKeyEntity.PURPOSE_SIGNING, now));
            created = true;
        }
        if (em.find(ToolKeyEntity.class, BOOTSTRAP_STATE_ID) == null && count(ToolKeyEntity.PURPOSE_STATE) == 0) {
            em.persist(entity(BOOTSTRAP_STATE_ID, newStateKey(), ToolKeyEntity.PURPOSE_STATE, now));
            created = true;
        }
        return created;
    }

    /**
     * Schedules a rotation of both key kinds: new keys published now and signing from {@code now + lead}; the keys
     * they replace retire at {@code now + lead + overlap}. Returns the new signing key's kid.
     */
    @Transactional
    public String rotate(Duration lead, Duration overlap) {
        lockSigningKeys();
        return rotateLocked(lead, overlap);
    }

    /** The scheduled rotation: rotates when the newest signing key activated more than {@code maxAge} ago. */
    @Transactional
    public String rotateIfDue(Duration maxAge, Duration lead, Duration overlap) {
        List<ToolKeyEntity> current = lockSigningKeys();
        OffsetDateTime newest = current.stream().map(k -> k.activateAt != null ? k.activateAt : k.createdAt)
                .max(Comparator.naturalOrder()).orElse(null);
        if (newest != null && newest.plus(maxAge).isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            return null;
        }
        return rotateLocked(lead, overlap);
    }

    /** Serialises rotations across servers: the second waits for the first and then sees its new key. */
    private List<ToolKeyEntity> lockSigningKeys() {
        return em.createQuery("select k from ToolKeyEntity k where k.purpose = :p and k.retireAt is null", ToolKeyEntity.class)
                .setParameter("p", ToolKeyEntity.PURPOSE_SIGNING).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    private String rotateLocked(Duration lead, Duration overlap) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // A key still waiting for its activation never signed anything: the new rotation replaces it outright, or it
        // would take over from the newer key when its own activation time comes.
        em.createQuery("delete from ToolKeyEntity k where k.activateAt > :now").setParameter("now", now).executeUpdate();
        OffsetDateTime switchAt = now.plus(lead);
        String kid = null;
        for (String purpose : List.of(ToolKeyEntity.PURPOSE_SIGNING, ToolKeyEntity.PURPOSE_STATE)) {
            // every key of this purpose still published stays so until the new one has signed for the overlap
            for (ToolKeyEntity old : em.createQuery("select k from ToolKeyEntity k where k.purpose = :p and (k.retireAt is null or k.retireAt > :now)",
                            ToolKeyEntity.class)
                    .setParameter("p", purpose).setParameter("now", now).getResultList()) {
                if (old.retireAt == null || old.retireAt.isBefore(switchAt.plus(overlap))) {
                    old.retireAt = switchAt.plus(overlap);
                }
            }
            JWK jwk = purpose.equals(ToolKeyEntity.PURPOSE_SIGNING) ? newSigningKey() : newStateKey();
            em.persist(entity(Tokens.newId(), jwk, purpose, switchAt));
            if (purpose.equals(ToolKeyEntity.PURPOSE_SIGNING)) {
                kid = jwk.getKeyID();
            }
        }
        // Keys retired long ago are deleted: they can no longer verify anything.
        em.createQuery("delete from ToolKeyEntity k where k.retireAt < :old").setParameter("old", now.minusDays(30)).executeUpdate();
        String newKid = kid;
        LOG.info(() -> "Tool keys rotating: new signing key " + newKid + " signs from " + switchAt + ", old keys retire at " + switchAt.plus(overlap));
        return kid;
    }

    private long count(String purpose) {
        return em.createQuery("select count(k) from ToolKeyEntity k where k.purpose = :p", Long.class)
                .setParameter("p", purpose).getSingleResult();
    }

    private static RSAKey newSigningKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyID(Tokens.random(12)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OctetSequenceKey newStateKey() {
        try {
            return new OctetSequenceKeyGenerator(256).keyID(Tokens.random(12)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private ToolKeyEntity entity(String id, JWK key, String purpose, OffsetDateTime activateAt) {
        ToolKeyEntity e = new ToolKeyEntity();
        e.id = id;
        e.kid = key.getKeyID();
        e.purpose = purpose;
        e.status = ToolKeyEntity.STATUS_CURRENT;
        e.publicJwk = purpose.equals(ToolKeyEntity.PURPOSE_SIGNING) ? key.toPublicJWK().toJSONString() : null;
        e.privateJwe = masterKey.encrypt(key.toJSONString());
        e.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        e.activateAt = activateAt;
        return e;
    }
}
