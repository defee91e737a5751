package io.movierecs.index.metrics;

import io.movierecs.index.ingest.IngestService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Liveness (contributor {@code ingest}; Boot refuses a contributor named {@code liveness}, it clashes with the
 * probe group of that name): DOWN only when ingest can no longer run without a restart (restoring failed, or
 * the Kafka consumer stopped for good). A broker outage is not one: the container retries by itself.
 */
@Component("ingestHealthIndicator")
class IngestHealthIndicator implements HealthIndicator {

    private final IngestService ingest;

    IngestHealthIndicator(IngestService ingest) {
        this.ingest = ingest;
    }

    @Override
    public Health health() {
        Health.Builder health = ingest.alive() ? Health.up() : Health.down();
        health.withDetail("phase", ingest.phase().name());
        if (ingest.failure() != null) {
            health.withDetail("failure", ingest.failure());
        }
        return health.build();
    }
}
