package io.movierecs.worker.topology;

import io.movierecs.worker.change.CatalogChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The movies waiting to be embedded, durable in a changelogged store and indexed in memory by readiness. A movie
 * touched by a live change (insert, update) is ready at once. A movie touched only by snapshot reads is ready
 * once it has not changed for the settle time: in a backfill its row, its credits and its people's names
 * arrive through different hops, and embedding it at each arrival would embed it several times over.
 *
 * <p>A movie whose embedding failed waits until its next attempt is due ({@link #retry}); a new change does
 * not make it due earlier.
 *
 * <p>Owned by one {@link MovieProcessor} (one stream task); not thread-safe.
 */
final class PendingMovies {

    private final KeyValueStore<String, String> store;
    private final long settleMs;
    private final Set<String> live = new LinkedHashSet<>();
    /** Snapshot-only movies in the order they last changed: the ready ones are a prefix. */
    private final LinkedHashMap<String, Long> settling = new LinkedHashMap<>();
    /** Movies whose embedding failed, with the time their next attempt is due (few: scanned). */
    private final LinkedHashMap<String, Long> retrying = new LinkedHashMap<>();

    PendingMovies(KeyValueStore<String, String> store, long settleMs) {
        this.store = store;
        this.settleMs = settleMs;
        List<KeyValue<String, MovieState.Pending>> restored = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> restored.add(KeyValue.pair(entry.key, MovieState.Pending.of(entry.value))));
        }
        restored.sort(Comparator.comparingLong(entry -> entry.value.changedAtMs()));
        restored.forEach(entry -> index(entry.key, entry.value));
    }

    /** Records that {@code change} touched the movie stored under {@code key}. */
    void mark(String key, CatalogChange change, long now) {
        String stored = store.get(key);
        MovieState.Pending next = stored == null ? MovieState.Pending.first(change, now)
                : MovieState.Pending.of(stored).newest(change, now);
        store.put(key, next.toJson());
        index(key, next);
    }

    /** Puts a movie whose embedding failed back, due again at {@code pending.retryAtMs()}. */
    void retry(String key, MovieState.Pending pending) {
        store.put(key, pending.toJson());
        index(key, pending);
    }

    private void index(String key, MovieState.Pending pending) {
        settling.remove(key);
        live.remove(key);
        retrying.remove(key);
        if (pending.retrying()) {
            retrying.put(key, pending.retryAtMs());
        } else if (pending.snapshot()) {
            settling.put(key, pending.changedAtMs());
        } else {
            live.add(key);
        }
    }

    /** Forgets a movie (it was deleted); true if it was pending. */
    boolean remove(String key) {
        live.remove(key);
        settling.remove(key);
        retrying.remove(key);
        return store.delete(key) != null;
    }

    int size() {
        return live.size() + settling.size() + retrying.size();
    }

    /** Movies waiting for another attempt after a failed embedding. */
    int retrying() {
        return retrying.size();
    }

    /** How many movies are ready now, counting no further than {@code atLeast}. */
    int ready(long now, int atLeast) {
        int ready = live.size() + (int) retrying.values().stream().filter(due -> due <= now).count();
        for (Map.Entry<String, Long> entry : settling.entrySet()) {
            if (ready >= atLeast || entry.getValue() + settleMs > now) {
                break;
            }
            ready++;
        }
        return ready;
    }

    /**
     * Removes and returns at most {@code limit} of the movies ready now (live changes first, then settled ones in
     * the order they settled), with what triggered each. The limit keeps one embedding call, and with it one
     * exactly-once transaction, short: a backfill settles thousands of movies at once.
     */
    List<KeyValue<String, MovieState.Pending>> takeReady(long now, int limit) {
        List<String> keys = new ArrayList<>(Math.min(limit, size()));
        var lives = live.iterator();
        while (lives.hasNext() && keys.size() < limit) {
            keys.add(lives.next());
            lives.remove();
        }
        var retries = retrying.entrySet().iterator();
        while (retries.hasNext() && keys.size() < limit) {
            Map.Entry<String, Long> entry = retries.next();
            if (entry.getValue() <= now) {
                keys.add(entry.getKey());
                retries.remove();
            }
        }
        var iterator = settling.entrySet().iterator();
        while (iterator.hasNext() && keys.size() < limit) {
            Map.Entry<String, Long> entry = iterator.next();
            if (entry.getValue() + settleMs > now) {
                break;
            }
            keys.add(entry.getKey());
            iterator.remove();
        }
        List<KeyValue<String, MovieState.Pending>> taken = new ArrayList<>(keys.size());
        for (String key : keys) {
            String stored = store.delete(key);
            if (stored != null) {
                taken.add(KeyValue.pair(key, MovieState.Pending.of(stored)));
            }
        }
        return taken;
    }
}
