package io.movierecs.index.ingest;

import java.util.Map;

/**
 * When ingest last made progress, why it is not making any, and whether the start-up catch-up is complete.
 * Progress = a batch applied, or idle with Kafka answering and nothing left to read. Thread-safe: the consumer
 * thread, the probe and the HTTP threads share it.
 */
public final class Progress {

    private volatile long lastProgressAtMs = System.currentTimeMillis();
    private volatile String reason = "starting";
    private volatile Map<Integer, Long> target;
    private volatile boolean caughtUp;

    /** Data moved forward, or the service is idle and just confirmed it could go on. */
    public void progressed(String why) {
        lastProgressAtMs = System.currentTimeMillis();
        reason = why;
    }

    /** What ingest waits for now (no progress recorded). */
    public void waiting(String why) {
        reason = why;
    }

    public long lastProgressAtMs() {
        return lastProgressAtMs;
    }

    public String reason() {
        return reason;
    }

    /** Restore and catch-up are complete (stays true once reached). */
    public boolean caughtUp() {
        return caughtUp;
    }

    boolean hasTarget() {
        return target != null;
    }

    /** The end of every partition when ingest first reached Kafka: applying up to it is "caught up". */
    void target(Map<Integer, Long> ends) {
        if (target == null) {
            target = Map.copyOf(ends);
        }
    }

    /** Returns true the first time {@code applied} reaches the target. */
    synchronized boolean reached(Map<Integer, Long> applied) {
        Map<Integer, Long> goal = target;
        if (caughtUp || goal == null) {
            return false;
        }
        for (Map.Entry<Integer, Long> end : goal.entrySet()) {
            if (end.getValue() > 0 && applied.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return false;
            }
        }
        caughtUp = true;
        return true;
    }
}
