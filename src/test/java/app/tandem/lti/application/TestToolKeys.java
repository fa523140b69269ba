package app.tandem.lti.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;

/** Tool keys without a database: a state key generated for the test. */
final class TestToolKeys extends ToolKeys {
    private final OctetSequenceKey stateKey;

    TestToolKeys(OctetSequenceKey stateKey) {
        this.stateKey = stateKey;
    }

    static OctetSequenceKey newStateKey() {
        try {
            return new OctetSequenceKeyGenerator(256).keyID("state-test").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static StateTokens stateTokens(OctetSequenceKey stateKey) {
        StateTokens tokens = new StateTokens();
        tokens.toolKeys = new TestToolKeys(stateKey);
        return tokens;
    }

    @Override
    public OctetSequenceKey stateKey() {
        return stateKey;
    }

    @Override
    public OctetSequenceKey stateKey(String kid) {
        return stateKey.getKeyID().equals(kid) ? stateKey : null;
    }
}
