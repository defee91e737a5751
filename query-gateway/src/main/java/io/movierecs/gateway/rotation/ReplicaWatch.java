package io.movierecs.gateway.rotation;

import io.movierecs.gateway.index.IndexClient;
import io.movierecs.gateway.index.IndexState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Follows one replica: each call is a long poll ({@code afterGeneration} = the replica's last generation,
 * waiting up to {@code waitMs}), which index-service answers as soon as its generation changes, else after the
 * wait. Calls follow each other {@code pauseMs} apart; after a failure the pause grows (100 ms doubling, capped
 * at the freshness budget, so a replica that is back is heard of within the budget), and the attempts are
 * logged at WARN (the first, then every power of two).
 */
final class ReplicaWatch {

    private static final Logger log = LoggerFactory.getLogger(ReplicaWatch.class);

    private final int replica;
    private final IndexClient client;
    private final Rotation rotation;
    private final long waitMs;
    private final long pauseMs;
    private final ExponentialBackOff backOff;
    private BackOffExecution failing;
    private IndexState last;
    private long attempts;

    ReplicaWatch(int replica, IndexClient client, Rotation rotation, long waitMs, long pauseMs) {
        this.replica = replica;
        this.client = client;
        this.rotation = rotation;
        this.waitMs = waitMs;
        this.pauseMs = pauseMs;
        this.backOff = new ExponentialBackOff(100, 2.0);
        this.backOff.setMaxInterval(Math.max(100, rotation.budgetMs()));
    }

    /** One poll; returns how long to pause before the next. */
    long poll() {
        String url = rotation.urls().get(replica);
        try {
            IndexState state = last == null ? client.state() : client.stateAfter(last.generation(), waitMs);
            rotation.answered(replica, state);
            if (failing != null) {
                log.info("index-service replica {} answers again after {} failed attempts", url, attempts);
            }
            last = state;
            failing = null;
            attempts = 0;
            return pauseMs;
        } catch (RuntimeException e) {
            rotation.failed(replica);
            last = null;
            attempts++;
            if (failing == null) {
                failing = backOff.start();
            }
            if (Long.bitCount(attempts) == 1) {
                log.warn("index-service replica {} state unavailable, attempt {}: {}", url, attempts, e.toString());
            }
            return failing.nextBackOff();
        }
    }
}
