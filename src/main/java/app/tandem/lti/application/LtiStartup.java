package app.tandem.lti.application;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.logging.Logger;

/** After the schema migration: make sure the tool has its keys, and load them so the first launch is fast. */
@ApplicationScoped
public class LtiStartup {
    private static final Logger LOG = Logger.getLogger(LtiStartup.class.getName());

    @Inject
    ToolKeys toolKeys;

    void onStart(@Observes @Priority(10) @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            toolKeys.createMissingKeys();
        } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
            LOG.info("Another server created the tool keys first; using theirs.");
        }
        LOG.info("Tool signing key " + toolKeys.signingKey().getKeyID() + " loaded.");
    }
}
