package io.movierecs.index.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.movierecs.index.IndexProperties;
import io.movierecs.index.ingest.IngestService;
import io.movierecs.index.ingest.Progress;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness ({@code progress}): OUT_OF_SERVICE until restore and catch-up are complete, and whenever no
 * progress was made for longer than {@code index-service.health.stall-grace-ms}; UP otherwise. Also the gauges
 * {@code pipeline.last.progress} (epoch seconds of the last progress) and {@code pipeline.stalled} (1 while
 * readiness is down for lack of progress).
 */
@Component("progressHealthIndicator")
class ProgressHealthIndicator implements HealthIndicator {

    private final IngestService ingest;
    private final long graceMs;

    ProgressHealthIndicator(IngestService ingest, IndexProperties properties, MeterRegistry registry) {
        this.ingest = ingest;
        this.graceMs = properties.health().stallGraceMs();
        Gauge.builder("pipeline.last.progress", ingest, i -> i.progress().lastProgressAtMs() / 1000.0)
                .baseUnit("seconds").description("When ingest last made progress (epoch seconds)")
                .register(registry);
        Gauge.builder("pipeline.stalled", this, h -> h.stalled() ? 1 : 0)
                .description("1 while readiness is down for lack of progress").register(registry);
    }

    boolean stalled() {
        return System.currentTimeMillis() - ingest.progress().lastProgressAtMs() > graceMs;
    }

    @Override
    public Health health() {
        Progress progress = ingest.progress();
        long stalledFor = Math.max(0, System.currentTimeMillis() - progress.lastProgressAtMs());
        Health.Builder health = !progress.caughtUp() || stalled() ? Health.outOfService() : Health.up();
        String reason = progress.caughtUp() ? progress.reason()
                : ingest.phase() + " (not caught up yet): " + progress.reason();
        return health.withDetail("lastProgressAt", Instant.ofEpochMilli(progress.lastProgressAtMs()).toString())
                .withDetail("stalledForMs", stalledFor)
                .withDetail("graceMs", graceMs)
                .withDetail("reason", reason)
                .build();
    }
}
