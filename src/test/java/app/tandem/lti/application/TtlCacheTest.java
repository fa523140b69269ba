package app.tandem.lti.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TtlCacheTest {
    final AtomicInteger loads = new AtomicInteger();

    Optional<StringBuilder> load(String value) {
        loads.incrementAndGet();
        return Optional.ofNullable(value).map(StringBuilder::new);
    }

    @Test
    void keepsFoundValuesAndHandsOutCopies() {
        TtlCache<String, StringBuilder> cache = new TtlCache<>(Duration.ofMinutes(1), StringBuilder::new);
        StringBuilder first = cache.get("k", k -> load("v")).orElseThrow();
        first.append("-changed by a caller");
        assertThat(cache.get("k", k -> load("other")).orElseThrow()).hasToString("v");
        assertThat(loads).hasValue(1);
    }

    @Test
    void neverCachesAbsenceSoNewRowsAreSeenAtOnce() {
        TtlCache<String, StringBuilder> cache = new TtlCache<>(Duration.ofMinutes(1), StringBuilder::new);
        AtomicReference<String> row = new AtomicReference<>();
        assertThat(cache.get("k", k -> load(row.get()))).isEmpty();
        row.set("created");
        assertThat(cache.get("k", k -> load(row.get()))).hasValueSatisfying(v -> assertThat(v).hasToString("created"));
    }

    @Test
    void clearAndExpiryReload() {
        TtlCache<String, StringBuilder> cache = new TtlCache<>(Duration.ofMinutes(1), StringBuilder::new);
        cache.get("k", k -> load("v1"));
        cache.clear();
        assertThat(cache.get("k", k -> load("v2")).orElseThrow()).hasToString("v2");

        TtlCache<String, StringBuilder> expired = new TtlCache<>(Duration.ZERO, StringBuilder::new);
        expired.get("k", k -> load("a"));
        assertThat(expired.get("k", k -> load("b")).orElseThrow()).hasToString("b");
        assertThat(loads).hasValue(4);
    }
}
