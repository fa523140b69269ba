package app.tandem.coteaching.application;

import app.tandem.common.InvalidRequestException;
import app.tandem.coteaching.application.LinkViews.Group;
import app.tandem.coteaching.application.LinkViews.Preview;
import app.tandem.lti.api.LaunchContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Entering an invitation code: limits guessing per person ({@link CodeAttempts}) and, when two joins race (two
 * sections joining a section that had no group yet), tries once more so the later join finds the new group.
 */
@ApplicationScoped
public class Linking {
    @Inject
    LinkGroups groups;

    @Inject
    CodeAttempts attempts;

    public Preview preview(LaunchContext launch, String code, String sectionId) {
        return limited(launch, () -> groups.preview(launch, code, sectionId));
    }

    public Group join(LaunchContext launch, String code, String sectionId) {
        return limited(launch, () -> {
            try {
                return groups.join(launch, code, sectionId);
            } catch (RuntimeException e) {
                if (!concurrentChange(e)) {
                    throw e;
                }
            }
            try {
                return groups.join(launch, code, sectionId);
            } catch (RuntimeException e) {
                if (!concurrentChange(e)) {
                    throw e;
                }
                throw new InvalidRequestException(409, "Another teacher changed these sections' links at the same moment. Please try again.",
                        Map.of("group", "concurrent-change"));
            }
        });
    }

    private <T> T limited(LaunchContext launch, Supplier<T> action) {
        attempts.check(launch.personId());
        try {
            return action.get();
        } catch (InvalidCodeException e) {
            attempts.failed(launch.personId());
            throw e;
        }
    }

    /** A unique-key or lock conflict with a concurrent transaction (not a request problem). */
    static boolean concurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidRequestException) {
                return false;
            }
            if (t instanceof PersistenceException || t instanceof SQLException || t instanceof jakarta.transaction.RollbackException) {
                return true;
            }
        }
        return false;
    }
}
