package app.tandem.lti.application;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A per-server cache of values found in the database for the launch hot path. Only values that exist are kept
 * (a new registration or deployment is seen at once), for a short time (a change made through another server shows
 * within {@code ttl}); this server's own changes clear it. Values are handed out as copies, so callers may not
 * change a cached value.
 */
final class TtlCache<K, V> {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(V value, long expiresAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final UnaryOperator<V> copy;

    TtlCache(Duration ttl, UnaryOperator<V> copy) {
        this.ttlNanos = ttl.toNanos();
        this.copy = copy;
    }

    Optional<V> get(K key, Function<K, Optional<V>> load) {
        long now = System.nanoTime();
        Entry<V> e = entries.get(key);
        if (e != null && now - e.expiresAt() < 0) {
            return Optional.of(copy.apply(e.value()));
        }
        Optional<V> loaded = load.apply(key);
        if (loaded.isPresent()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry<>(copy.apply(loaded.get()), now + ttlNanos));
        } else {
            entries.remove(key);
        }
        return loaded;
    }

    void clear() {
        entries.clear();
    }
}
