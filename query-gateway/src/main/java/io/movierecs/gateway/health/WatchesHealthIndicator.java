package io.movierecs.gateway.health;

import io.movierecs.gateway.rotation.ReplicaWatches;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Liveness (contributor {@code indexWatches}; the name {@code liveness} would clash with the health group): DOWN
 * only when a replica watch thread ended (only a restart brings it back). index-service being
 * down, frozen or slow is readiness's business, never liveness's.
 */
public class WatchesHealthIndicator implements HealthIndicator {

    private final ReplicaWatches watches;

    public WatchesHealthIndicator(ReplicaWatches watches) {
        this.watches = watches;
    }

    @Override
    public Health health() {
        if (watches.allAlive()) {
            return Health.up().withDetail("indexWatches", "running").build();
        }
        return Health.down().withDetail("endedWatches", watches.ended()).build();
    }
}
