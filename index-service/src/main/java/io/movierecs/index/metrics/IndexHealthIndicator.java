package io.movierecs.index.metrics;

import io.movierecs.index.ingest.IngestService;
import io.movierecs.index.live.LiveIndex;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP once caught up and live; OUT_OF_SERVICE while restoring or catching up; DOWN when ingest failed. */
@Component("indexHealthIndicator")
class IndexHealthIndicator implements HealthIndicator {

    private final IngestService ingest;
    private final LiveIndex live;

    IndexHealthIndicator(IngestService ingest, LiveIndex live) {
        this.ingest = ingest;
        this.live = live;
    }

    @Override
    public Health health() {
        Health.Builder health = switch (ingest.phase()) {
            case LIVE -> Health.up();
            case NEW, RESTORING, WAITING_FOR_TOPIC, CATCHING_UP -> Health.outOfService();
            case STOPPED, FAILED -> Health.down();
        };
        health.withDetail("phase", ingest.phase().name())
                .withDetail("movies", live.store().size())
                .withDetail("factory", live.info().layout().factory())
                .withDetail("generation", live.generation());
        if (ingest.failure() != null) {
            health.withDetail("failure", ingest.failure());
        }
        return health.build();
    }
}
