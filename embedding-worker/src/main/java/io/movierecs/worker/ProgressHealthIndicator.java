package io.movierecs.worker;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness ({@code progress}): UP while the worker made progress within {@code health.stall-grace-ms};
 * OUT_OF_SERVICE before Kafka Streams first ran and once it stalled, with what it waits for.
 */
@Component("progressHealthIndicator")
class ProgressHealthIndicator implements HealthIndicator {

    private final PipelineProgress progress;
    private final StreamsRunner runner;

    ProgressHealthIndicator(PipelineProgress progress, StreamsRunner runner) {
        this.progress = progress;
        this.runner = runner;
    }

    @Override
    public Health health() {
        Health.Builder health = progress.stalled() ? Health.outOfService() : Health.up();
        String reason = progress.isStarted() ? progress.reason() : runner.status();
        health.withDetail("lastProgressAt", progress.lastProgressAt().toString())
                .withDetail("stalledForMs", progress.stalledForMs());
        if (reason != null) {
            health.withDetail("reason", reason);
        }
        return health.build();
    }
}
