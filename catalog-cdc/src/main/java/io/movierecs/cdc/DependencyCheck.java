package io.movierecs.cdc;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Idle progress: every {@code health.check-interval-ms}, when the engine is RUNNING and no batch waits for Kafka,
 * asks Kafka (describeCluster) and the catalog database (a connection) with a short timeout; when both answer,
 * catalog-cdc could move any change forward, which counts as progress. Otherwise it records what it waits for.
 */
@Component
class DependencyCheck implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DependencyCheck.class);
    private static final int TIMEOUT_MS = 3000;

    private final CdcProperties cdc;
    private final CdcEngine engine;
    private final ProgressTracker progress;
    private final Preflight preflight;
    private ScheduledExecutorService scheduler;
    private Admin admin;

    DependencyCheck(CdcProperties cdc, CdcEngine engine, ProgressTracker progress) {
        this.cdc = cdc;
        this.engine = engine;
        this.progress = progress;
        this.preflight = new Preflight(cdc);
    }

    void check() {
        EngineState state = engine.state();
        if (state.phase() != EngineState.Phase.RUNNING) {
            progress.waiting("engine " + state.phase() + (state.failure() == null ? "" : ": " + state.failure()));
            return;
        }
        if (engine.publishingSinceMs() != 0) {
            return; // a batch waits for Kafka: its acknowledgement is the progress
        }
        try {
            admin.describeCluster().clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            progress.waiting("Kafka unreachable: " + e);
            return;
        }
        try {
            preflight.ping(TIMEOUT_MS / 1000);
        } catch (Preflight.NotReachable e) {
            progress.waiting("database unreachable: " + e.getMessage());
            return;
        }
        progress.progressed();
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("dependency check failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        admin = Admin.create(engine.adminConfig(TIMEOUT_MS));
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "catalog-cdc-check"));
        long interval = cdc.health().checkIntervalMs();
        scheduler.scheduleWithFixedDelay(this::checkSafely, Math.min(interval, 500), interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            admin.close(Duration.ofSeconds(2));
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
