package io.movierecs.cdc;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: UP while catalog-cdc made progress within {@code health.stall-grace-ms}, OUT_OF_SERVICE before the
 * first progress and once it stalled (broker down or frozen, database down, start-up checks still failing).
 */
@Component("progressHealthIndicator")
class ProgressHealthIndicator implements HealthIndicator {

    private final ProgressTracker progress;

    ProgressHealthIndicator(ProgressTracker progress) {
        this.progress = progress;
    }

    @Override
    public Health health() {
        Health.Builder health = progress.ready() ? Health.up() : Health.outOfService();
        health.withDetail("lastProgressAt", progress.lastProgressAt().toString())
                .withDetail("stalledForMs", progress.stalledForMs())
                .withDetail("graceMs", progress.graceMs());
        String reason = progress.reason();
        if (reason != null) {
            health.withDetail("reason", reason);
        }
        return health.build();
    }
}
