package io.movierecs.gateway.cache;

import io.movierecs.gateway.config.GatewayProperties;
import io.movierecs.gateway.rotation.AnswerPositions;
import io.movierecs.gateway.rotation.CacheVersion;
import io.movierecs.gateway.rotation.Rotation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Caches answers by (request key, {@link CacheVersion}): the highest applied position among the index replicas
 * in rotation. An answer is stored only when every replica that contributed to it was at that position (a
 * replica behind it, still in rotation for a moment, is never cached), so once any replica in rotation has
 * applied an edit, no entry from before it is served. Nothing is served from the cache while no replica is in
 * rotation (every call then goes to the index, which answers or fails with 503), and no entry older than
 * {@code entry-ttl-ms}. When the version changes every entry is dropped; past {@code max-entries} the cache
 * starts over. Replicas that report no position (an older index-service) key the cache by their generations.
 */
public class AnswerCache {

    private record Entry(Object value, String version, long storedAtNanos) {
    }

    private final boolean enabled;
    private final int maxEntries;
    private final long entryTtlNanos;
    private final Rotation rotation;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile String version;

    public AnswerCache(GatewayProperties.Cache config, Rotation rotation) {
        this.enabled = config.enabled();
        this.maxEntries = config.maxEntries();
        this.entryTtlNanos = config.entryTtlMs() * 1_000_000L;
        this.rotation = rotation;
    }

    /** The cached answer for {@code key} at the current version, else {@code load}'s (then cached if current). */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> load) {
        CacheVersion current = enabled ? rotation.cacheVersion() : null;
        if (current == null) {
            return load.get();
        }
        moveTo(current.key());
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry != null && entry.version().equals(current.key()) && now - entry.storedAtNanos() < entryTtlNanos) {
            return (T) entry.value();
        }
        AnswerPositions.Tracked<T> loaded = rotation.track(load);
        if (loaded.currentAt(current) && current.key().equals(version)) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry(loaded.value(), current.key(), now));
        }
        return loaded.value();
    }

    private void moveTo(String current) {
        if (!current.equals(version)) {
            synchronized (this) {
                if (!current.equals(version)) {
                    entries.clear();
                    version = current;
                }
            }
        }
    }

    public int size() {
        return entries.size();
    }
}
