package app.tandem.lti.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.Tag;

/** Launch counters and latency, published at /metrics (tandem_lti_launches_total{outcome}, ..._rejections_total{reason}). */
@ApplicationScoped
public class LtiMetrics {
    @Inject
    MetricRegistry registry;

    // Registry look-ups validate names and tags on every call: keep the instruments.
    private final Map<String, Counter> acceptedByType = new ConcurrentHashMap<>();
    private volatile Counter logins;
    private volatile Timer launchDuration;

    public void loginStarted() {
        Counter c = logins;
        if (c == null) {
            c = logins = registry.counter("tandem.lti.logins");
        }
        c.inc();
    }

    public void launchAccepted(String messageType, Duration elapsed) {
        acceptedByType.computeIfAbsent(messageType, type -> registry.counter("tandem.lti.launches",
                new Tag("outcome", "accepted"), new Tag("message_type", type))).inc();
        Timer t = launchDuration;
        if (t == null) {
            t = launchDuration = registry.timer("tandem.lti.launch.duration");
        }
        t.update(elapsed);
    }

    public void rejected(Rejection reason, String stage) {
        registry.counter("tandem.lti.rejections", new Tag("reason", reason.code()), new Tag("stage", stage)).inc();
    }
}
