package io.movierecs.worker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * When the worker last made progress, and why it is not making any now. Progress = records processed and
 * committed, or idle with the broker answering and no input lag ({@link ProgressProbe} decides). Gauges
 * {@code pipeline.last.progress} (epoch seconds) and {@code pipeline.stalled} (1 while stalled past the grace).
 */
@Component
public class PipelineProgress {

    private final Clock clock;
    private final long graceMs;
    private volatile long lastProgressMs;
    private volatile String reason = "starting";
    private volatile boolean started;
    private volatile boolean brokerReachable;

    @Autowired
    PipelineProgress(WorkerProperties worker, MeterRegistry registry) {
        this(Clock.systemUTC(), worker.health().stallGraceMs(), registry);
    }

    PipelineProgress(Clock clock, long graceMs, MeterRegistry registry) {
        this.clock = clock;
        this.graceMs = graceMs;
        this.lastProgressMs = clock.millis();
        Gauge.builder("pipeline.last.progress", this, progress -> progress.lastProgressMs / 1000.0)
                .baseUnit("seconds").description("When the worker last made progress (epoch seconds)")
                .register(registry);
        Gauge.builder("pipeline.stalled", this, progress -> progress.stalled() ? 1 : 0)
                .description("1 while readiness is down for lack of progress").register(registry);
    }

    /** Progress was made now. */
    void progressed() {
        lastProgressMs = clock.millis();
        reason = null;
    }

    /** No progress now, for this reason. */
    void waiting(String why) {
        reason = why;
    }

    /** Kafka Streams reached RUNNING for the first time: from now on readiness follows progress. */
    void started() {
        if (!started) {
            started = true;
            progressed();
        }
    }

    void brokerReachable(boolean reachable) {
        brokerReachable = reachable;
    }

    /** Whether the broker answered the last probe. */
    public boolean brokerReachable() {
        return brokerReachable;
    }

    public boolean isStarted() {
        return started;
    }

    public Instant lastProgressAt() {
        return Instant.ofEpochMilli(lastProgressMs);
    }

    public long stalledForMs() {
        return Math.max(0, clock.millis() - lastProgressMs);
    }

    /** Why no progress is being made, or null when it is. */
    public String reason() {
        return reason;
    }

    /** Not started yet, or no progress for longer than the grace period. */
    public boolean stalled() {
        return !started || stalledForMs() > graceMs;
    }
}
