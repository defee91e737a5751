package io.movierecs.cdc;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * When catalog-cdc last moved forward: a batch acknowledged by Kafka, or an idle engine whose Kafka and database
 * just answered ({@link DependencyCheck}). Gauges {@code pipeline.last.progress} (epoch seconds) and
 * {@code pipeline.stalled} (1 once nothing moved for longer than {@code health.stall-grace-ms}).
 */
@Component
public class ProgressTracker {

    private final long graceMs;
    private volatile long lastProgressMs = System.currentTimeMillis();
    private volatile boolean everProgressed;
    private volatile String reason = "starting";

    public ProgressTracker(CdcProperties cdc, MeterRegistry registry) {
        this.graceMs = cdc.health().stallGraceMs();
        Gauge.builder("pipeline.last.progress", this, tracker -> tracker.lastProgressMs / 1000.0)
                .baseUnit("seconds")
                .description("Epoch seconds of the last progress (a batch acknowledged, or idle and dependencies answered)")
                .register(registry);
        Gauge.builder("pipeline.stalled", this, tracker -> tracker.stalled() ? 1 : 0)
                .description("1 while readiness is down for lack of progress, else 0")
                .register(registry);
    }

    /** Data moved forward, or the idle pipeline confirmed that it could. */
    void progressed() {
        lastProgressMs = System.currentTimeMillis();
        everProgressed = true;
        reason = null;
    }

    /** What catalog-cdc waits for, shown while it makes no progress. */
    void waiting(String why) {
        reason = why;
    }

    /** Whether readiness should be up: progress made once, and recently. */
    boolean ready() {
        return everProgressed && !stalled();
    }

    /** No progress for longer than the grace period. */
    boolean stalled() {
        return stalledForMs() > graceMs;
    }

    long stalledForMs() {
        return Math.max(0, System.currentTimeMillis() - lastProgressMs);
    }

    Instant lastProgressAt() {
        return Instant.ofEpochMilli(lastProgressMs);
    }

    String reason() {
        return reason;
    }

    long graceMs() {
        return graceMs;
    }
}
