package io.movierecs.gateway.cache;

import io.movierecs.gateway.config.GatewayProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Caches answers by (request key, index generation). The generation is learned by {@link GenerationWatch}
 * (every {@code generation-refresh-ms}); when it changes every entry is dropped. Nothing is served when the
 * generation was last confirmed longer ago than {@code max-age-ms} (index unreachable or slow: every call goes
 * to the index, which then answers or fails with 503), and no entry older than {@code entry-ttl-ms}.
 * Bounded: past {@code max-entries} the cache starts over.
 */
public class AnswerCache {

    private record Entry(Object value, long generation, long storedAtNanos) {
    }

    private final boolean enabled;
    private final int maxEntries;
    private final long maxAgeNanos;
    private final long entryTtlNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile long generation = -1;
    private volatile long confirmedAtNanos;

    public AnswerCache(GatewayProperties.Cache config) {
        this.enabled = config.enabled();
        this.maxEntries = config.maxEntries();
        this.maxAgeNanos = config.maxAgeMs() * 1_000_000L;
        this.entryTtlNanos = config.entryTtlMs() * 1_000_000L;
    }

    /** The cached answer for {@code key} at the current generation, else {@code load}'s (then cached). */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> load) {
        long now = System.nanoTime();
        long current = currentGeneration(now);
        if (!enabled || current < 0) {
            return load.get();
        }
        Entry entry = entries.get(key);
        if (entry != null && entry.generation() == current && now - entry.storedAtNanos() < entryTtlNanos) {
            return (T) entry.value();
        }
        T value = load.get();
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry(value, current, now));
        return value;
    }

    /** The index is at {@code newGeneration} now. */
    public void confirm(long newGeneration) {
        if (newGeneration != generation) {
            entries.clear();
            generation = newGeneration;
        }
        confirmedAtNanos = System.nanoTime();
    }

    /**
     * An index answer says it was at {@code answeredGeneration}: when that is the generation held, it counts as
     * a confirmation (keeps the cache serving while the poll is slow under load).
     */
    public void answeredAt(long answeredGeneration) {
        if (answeredGeneration == generation && answeredGeneration >= 0) {
            confirmedAtNanos = System.nanoTime();
        }
    }

    /** The generation answers are cached under, or -1 when it is not known within the freshness budget. */
    long currentGeneration(long now) {
        long known = generation;
        return known >= 0 && now - confirmedAtNanos < maxAgeNanos ? known : -1;
    }

    public int size() {
        return entries.size();
    }
}
