package io.ticketsmith.jira;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps what Jira answered for a while. Create metadata and user searches change rarely but are asked for on every
 * action; a stale entry costs at most one rejected call, which Jira explains itself.
 */
final class ExpiringCache<K, V> {

    private final Duration timeToLive;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(Duration timeToLive, Clock clock) {
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    /**
     * The cached value, or the loader's. The loader runs outside any lock: two threads may both ask Jira, which is
     * cheaper than holding other keys back during a slow call.
     */
    V get(K key, Function<K, V> loader) {
        Entry<V> entry = entries.get(key);
        if (entry != null && clock.instant().isBefore(entry.expiresAt())) {
            return entry.value();
        }
        V value = loader.apply(key);
        if (value != null && !timeToLive.isZero() && !timeToLive.isNegative()) {
            Instant now = clock.instant();
            entries.values().removeIf(old -> !now.isBefore(old.expiresAt()));
            entries.put(key, new Entry<>(value, now.plus(timeToLive)));
        }
        return value;
    }

    private record Entry<V>(V value, Instant expiresAt) {
    }
}
