package app.tandem.lti.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last launches per registration on this server — outcome, reason, clock skew, how the browser was bound —
 * for the registration doctor. In memory on purpose: it costs the launch nothing and is rebuilt by traffic.
 */
@ApplicationScoped
public class LaunchEvents {
    static final int KEEP = 200;

    public enum Binding { COOKIE, PLATFORM_STORAGE, NONE }

    public record Event(Instant at, boolean accepted, Rejection reason, Duration skew, Binding binding) {
    }

    private final Map<String, Deque<Event>> byRegistration = new ConcurrentHashMap<>();

    void accepted(String registrationId, Instant now, Instant issuedAt, Binding binding) {
        add(registrationId, new Event(now, true, null, Duration.between(issuedAt, now), binding));
    }

    void rejected(String registrationId, Instant now, Rejection reason) {
        add(registrationId, new Event(now, false, reason, null, Binding.NONE));
    }

    public List<Event> recent(String registrationId) {
        Deque<Event> d = byRegistration.get(registrationId);
        if (d == null) {
            return List.of();
        }
        synchronized (d) {
            return new ArrayList<>(d);
        }
    }

    private void add(String registrationId, Event e) {
        if (registrationId == null) {
            return;
        }
        Deque<Event> d = byRegistration.computeIfAbsent(registrationId, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(e);
            while (d.size() > KEEP) {
                d.removeFirst();
            }
        }
    }
}
