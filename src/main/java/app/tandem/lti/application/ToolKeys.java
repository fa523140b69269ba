package app.tandem.lti.application;

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
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

/**
 * The tool's keys: the RSA-2048 key that signs Tandem's JWTs (published at /.well-known/jwks.json) and the HMAC
 * key of OIDC state tokens. Created on first start, stored encrypted under the {@link MasterKey}, shared by all
 * servers through the database.
 */
@ApplicationScoped
public class ToolKeys {
    private static final Logger LOG = Logger.getLogger(ToolKeys.class.getName());
    private static final String BOOTSTRAP_SIGNING_ID = "bootstrap-signing";
    private static final String BOOTSTRAP_STATE_ID = "bootstrap-state";

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    MasterKey masterKey;

    private volatile RSAKey signingKey;
    private volatile OctetSequenceKey stateKey;
    private volatile JWKSet publicJwks;

    /** The current signing key pair (private part included). */
    public RSAKey signingKey() {
        ensureLoaded();
        return signingKey;
    }

    public OctetSequenceKey stateKey() {
        ensureLoaded();
        return stateKey;
    }

    /** The public JWKS that platforms use to verify Tandem's signatures. */
    public JWKSet publicJwks() {
        ensureLoaded();
        return publicJwks;
    }

    private void ensureLoaded() {
        if (signingKey == null) {
            synchronized (this) {
                if (signingKey == null) {
                    load();
                }
            }
        }
    }

    private void load() {
        List<ToolKeyEntity> keys = em.createQuery(
                        "select k from ToolKeyEntity k where k.status = :s", ToolKeyEntity.class)
                .setParameter("s", ToolKeyEntity.STATUS_CURRENT).getResultList();
        try {
            RSAKey rsa = null;
            OctetSequenceKey hmac = null;
            for (ToolKeyEntity k : keys) {
                JWK jwk = JWK.parse(masterKey.decrypt(k.privateJwe));
                if (ToolKeyEntity.PURPOSE_SIGNING.equals(k.purpose)) {
                    rsa = jwk.toRSAKey();
                } else if (ToolKeyEntity.PURPOSE_STATE.equals(k.purpose)) {
                    hmac = jwk.toOctetSequenceKey();
                }
            }
            if (rsa == null || hmac == null) {
                throw new IllegalStateException("tool keys missing; they are created at start-up");
            }
            stateKey = hmac;
            publicJwks = new JWKSet(rsa.toPublicJWK());
            signingKey = rsa;
        } catch (ParseException e) {
            throw new IllegalStateException("stored tool key is not a JWK", e);
        }
    }

    /** Creates the first keys if this database has none. Several servers may race here: the fixed ids make one win. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean createMissingKeys() {
        boolean created = false;
        if (em.find(ToolKeyEntity.class, BOOTSTRAP_SIGNING_ID) == null && !hasCurrent(ToolKeyEntity.PURPOSE_SIGNING)) {
            try {
                RSAKey rsa = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyID(Tokens.random(12)).generate();
                em.persist(entity(BOOTSTRAP_SIGNING_ID, rsa, ToolKeyEntity.PURPOSE_SIGNING, rsa.toPublicJWK().toJSONString()));
                created = true;
                LOG.info("Created the tool's RSA signing key " + rsa.getKeyID());
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        if (em.find(ToolKeyEntity.class, BOOTSTRAP_STATE_ID) == null && !hasCurrent(ToolKeyEntity.PURPOSE_STATE)) {
            try {
                OctetSequenceKey hmac = new OctetSequenceKeyGenerator(256).keyID(Tokens.random(12)).generate();
                em.persist(entity(BOOTSTRAP_STATE_ID, hmac, ToolKeyEntity.PURPOSE_STATE, null));
                created = true;
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return created;
    }

    private boolean hasCurrent(String purpose) {
        return !em.createQuery("select k.id from ToolKeyEntity k where k.purpose = :p and k.status = :s", String.class)
                .setParameter("p", purpose).setParameter("s", ToolKeyEntity.STATUS_CURRENT)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private ToolKeyEntity entity(String id, JWK key, String purpose, String publicJwk) {
        ToolKeyEntity e = new ToolKeyEntity();
        e.id = id;
        e.kid = key.getKeyID();
        e.purpose = purpose;
        e.status = ToolKeyEntity.STATUS_CURRENT;
        e.publicJwk = publicJwk;
        e.privateJwe = masterKey.encrypt(key.toJSONString());
        e.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return e;
    }
}
