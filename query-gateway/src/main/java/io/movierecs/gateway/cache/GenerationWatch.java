package io.movierecs.gateway.cache;

import io.movierecs.gateway.index.IndexClient;
import io.movierecs.gateway.index.IndexState;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Follows index-service's state and tells the cache; keeps the last state for {@code /api/v1/status}. Each call
 * is a long poll ({@code afterGeneration} = the last generation seen, waiting up to half of
 * {@code query-gateway.cache.max-age-ms}): index-service answers as soon as the generation changes, so the cache
 * hears of an edit at once, and while nothing changes the gateway asks about twice a second instead of every few
 * milliseconds. Calls follow each other {@code generation-refresh-ms} (25) apart at most. When it does not answer the cache is left alone: it stops serving by itself once the
 * generation was not confirmed for {@code max-age-ms}. index-service numbers generations per replica, so the
 * poll asks the replicas in their configured order (the first that answers), and {@code entry-ttl-ms} bounds
 * how long an answer from a lagging replica can live.
 */
public class GenerationWatch {

    private static final Logger log = LoggerFactory.getLogger(GenerationWatch.class);

    private final IndexClient index;
    private final AnswerCache cache;
    private final AtomicReference<IndexState> last = new AtomicReference<>();
    private volatile long lastSeenAtMs;
    private volatile boolean reachable;

    private final long waitMs;

    /** Long polls wait up to {@code waitMs}; it must be well under the cache's max age, which they renew. */
    public GenerationWatch(IndexClient index, AnswerCache cache, long waitMs) {
        this.index = index;
        this.cache = cache;
        this.waitMs = waitMs;
    }

    @Scheduled(fixedDelayString = "${query-gateway.cache.generation-refresh-ms:25}")
    public void refresh() {
        try {
            IndexState previous = reachable ? last.get() : null;
            IndexState state = previous == null ? index.state() : index.stateAfter(previous.generation(), waitMs);
            last.set(state);
            lastSeenAtMs = System.currentTimeMillis();
            reachable = true;
            cache.confirm(state.generation());
        } catch (RuntimeException e) {
            if (reachable) {
                log.warn("index-service state unavailable; the cache is bypassed until it answers: {}", e.toString());
            }
            reachable = false;
        }
    }

    /** The last state index-service reported, or null if it never answered. */
    public IndexState lastState() {
        return last.get();
    }

    /** When index-service last answered (epoch ms, 0 = never). */
    public long lastSeenAtMs() {
        return lastSeenAtMs;
    }

    public boolean reachable() {
        return reachable;
    }
}
