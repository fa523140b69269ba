package app.tandem.lti.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Launch counters and latency, published at /metrics (tandem_lti_launches_total{outcome}, ..._rejections_total{reason}). */
@ApplicationScoped
public class LtiMetrics {
    @Inject
    MetricRegistry registry;

    public void loginStarted() {
        registry.counter("tandem.lti.logins").inc();
    }

    public void launchAccepted(String messageType, Duration elapsed) {
        registry.counter("tandem.lti.launches", new Tag("outcome", "accepted"), new Tag("message_type", messageType)).inc();
        registry.timer("tandem.lti.launch.duration").update(elapsed);
    }

    public void rejected(Rejection reason, String stage) {
        registry.counter("tandem.lti.rejections", new Tag("reason", reason.code()), new Tag("stage", stage)).inc();
    }
}
