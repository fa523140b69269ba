package app.tandem.lti.application;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import app.tandem.common.Settings;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Periodic work on each server: every minute reload the tool keys (another server may have rotated them) and,
 * when due, rotate them on schedule; every ten minutes delete used nonces and launch sessions that expired.
 */
@ApplicationScoped
public class Housekeeping {
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    NonceStore nonces;

    @Inject
    LaunchSessionService sessions;

    @Inject
    ToolKeys toolKeys;

    @Inject
    Settings settings;

    private ScheduledFuture<?> task;
    private ScheduledFuture<?> keyTask;

    void onStart(@Observes @Priority(20) @Initialized(ApplicationScoped.class) Object ignored) {
        task = scheduler.scheduleWithFixedDelay(this::purge, 1, 10, TimeUnit.MINUTES);
        keyTask = scheduler.scheduleWithFixedDelay(this::keys, 1, 1, TimeUnit.MINUTES);
    }

    void keys() {
        try {
            if (!settings.keyRotationPeriod().isZero()
                    && toolKeys.rotateIfDue(settings.keyRotationPeriod(), settings.keyPublishLead(), settings.keyOverlap()) != null) {
                LOG.info("Scheduled tool key rotation started.");
            }
            toolKeys.reload();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "key maintenance failed; will retry", e);
        }
    }

    void purge() {
        try {
            int n = nonces.purgeExpired(Instant.now());
            int s = sessions.purgeExpired(OffsetDateTime.now(ZoneOffset.UTC));
            if (n + s > 0) {
                LOG.fine(() -> "purged " + n + " nonces and " + s + " launch sessions");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "housekeeping failed; will retry", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        if (keyTask != null) {
            keyTask.cancel(false);
        }
    }
}
