package io.movierecs.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Keeps a Debezium engine running until stopped: runs the start-up checks, then the engine on this thread; when
 * a check fails or the engine ends (with failure or not), it tries again after a capped exponential backoff
 * ({@code retry.initial-ms} doubling to {@code retry.max-ms}), logging each attempt. The backoff starts over once
 * an engine ran longer than the longest wait. Only an unexpected error ends the loop: it is logged at ERROR and
 * {@link #alive()} turns false (liveness DOWN: a restart fixes it).
 */
final class EngineSupervisor implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EngineSupervisor.class);

    private final Runnable checks;
    private final Supplier<DebeziumEngine<ChangeEvent<String, String>>> engines;
    private final EngineState state;
    private final ProgressTracker progress;
    private final CdcProperties.Retry retry;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile DebeziumEngine<ChangeEvent<String, String>> current;
    private volatile Throwable died;
    private volatile int restarts;

    EngineSupervisor(Runnable checks, Supplier<DebeziumEngine<ChangeEvent<String, String>>> engines,
            EngineState state, ProgressTracker progress, CdcProperties.Retry retry) {
        this.checks = checks;
        this.engines = engines;
        this.state = state;
        this.progress = progress;
        this.retry = retry;
    }

    @Override
    public void run() {
        try {
            supervise();
        } catch (InterruptedException e) {
            if (!isStopping()) {
                died = e;
                log.error("catalog-cdc supervisor interrupted: capture stopped until the service restarts", e);
            }
        } catch (Throwable e) {
            died = e;
            log.error("catalog-cdc supervisor ended: capture stopped until the service restarts", e);
        }
    }

    private void supervise() throws InterruptedException {
        BackOffExecution backoff = backOff().start();
        for (int attempt = 1; !isStopping(); attempt++) {
            long began = System.currentTimeMillis();
            attemptOnce(attempt);
            if (isStopping()) {
                return;
            }
            if (state.runningSinceMs() >= began && System.currentTimeMillis() - state.runningSinceMs() > retry.maxMs()) {
                backoff = backOff().start();
            }
            long waitMs = backoff.nextBackOff();
            restarts++;
            log.warn("starting the Debezium engine again in {} ms, attempt {}", waitMs, attempt + 1);
            if (stopping.await(waitMs, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private void attemptOnce(int attempt) {
        try {
            checks.run();
            runEngine();
        } catch (Preflight.NotReachable e) {
            progress.waiting(e.getMessage());
            log.warn("start-up check failed, attempt {}: {}", attempt, e.getMessage());
        } catch (RuntimeException e) {
            progress.waiting(e.getMessage());
            log.error("catalog-cdc cannot start the engine, attempt {}: {}", attempt, e.getMessage(), e);
        }
    }

    private void runEngine() {
        DebeziumEngine<ChangeEvent<String, String>> engine = engines.get();
        current = engine;
        try {
            if (!isStopping()) {
                state.starting();
                engine.run();
            }
        } finally {
            current = null;
        }
        if (!isStopping() && state.phase() != EngineState.Phase.FAILED) {
            state.ended("the engine ended by itself");
        }
    }

    private ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialMs(), 2.0);
        backOff.setMaxInterval(retry.maxMs());
        return backOff;
    }

    private boolean isStopping() {
        return stopping.getCount() == 0;
    }

    /** Ends the loop: no new attempt; {@code release} runs (ends a batch waiting for Kafka), then the engine closes. */
    void stop(Runnable release) {
        stopping.countDown();
        release.run();
        DebeziumEngine<ChangeEvent<String, String>> engine = current;
        if (engine != null) {
            try {
                engine.close();
            } catch (IOException | RuntimeException e) {
                log.warn("closing the Debezium engine failed", e);
            }
        }
    }

    /** False once the loop ended by an unexpected error (not by {@link #stop()}). */
    boolean alive() {
        return died == null;
    }

    Throwable deathCause() {
        return died;
    }

    int restarts() {
        return restarts;
    }
}
