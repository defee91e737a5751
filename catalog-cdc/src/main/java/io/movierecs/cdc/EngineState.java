package io.movierecs.cdc;

import io.debezium.engine.DebeziumEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Debezium engine is doing, for the health endpoint and the logs. FAILED lasts until the supervisor
 * starts the next engine ({@link EngineSupervisor}).
 */
public final class EngineState implements DebeziumEngine.ConnectorCallback {

    private static final Logger log = LoggerFactory.getLogger(EngineState.class);

    /** The engine's phase. */
    public enum Phase { STOPPED, STARTING, RUNNING, FAILED }

    private volatile Phase phase = Phase.STOPPED;
    private volatile String failure;
    private volatile long runningSinceMs;

    public Phase phase() {
        return phase;
    }

    /** Why the engine stopped, when it failed. */
    public String failure() {
        return failure;
    }

    void starting() {
        failure = null;
        phase = Phase.STARTING;
    }

    /** When the engine last started streaming (epoch ms), or 0. */
    long runningSinceMs() {
        return runningSinceMs;
    }

    /** The engine ended without reporting a failure while it should still run. */
    void ended(String why) {
        failure = why;
        phase = Phase.FAILED;
    }

    void stopped() {
        if (phase != Phase.FAILED) {
            phase = Phase.STOPPED;
        }
    }

    @Override
    public void taskStarted() {
        runningSinceMs = System.currentTimeMillis();
        phase = Phase.RUNNING;
        log.info("catalog-cdc engine running");
    }

    @Override
    public void taskStopped() {
        if (phase == Phase.RUNNING) {
            phase = Phase.STARTING;
        }
    }

    void completed(boolean success, String message, Throwable error) {
        if (!success) {
            failure = message + (error == null ? "" : ": " + error);
            phase = Phase.FAILED;
            log.warn("catalog-cdc engine failed (it is started again): {}", failure, error);
        } else {
            phase = Phase.STOPPED;
            log.info("catalog-cdc engine stopped: {}", message);
        }
    }
}
