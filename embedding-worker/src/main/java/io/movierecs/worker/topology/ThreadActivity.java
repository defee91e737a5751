package io.movierecs.worker.topology;

/**
 * What the current stream thread has been doing, shared by the movie processors of all the tasks it runs: when
 * it last processed a record, and whether it is still busy after an embedding. A task embeds a partial batch only
 * once its thread is idle, so that during a backfill every task fills its batches instead of each of the (six,
 * one per partition) tasks embedding a few movies on every wall-clock punctuation.
 *
 * <p>Times of records are the processor context's wall clock (the mock clock under TopologyTestDriver). An
 * embedding takes real time that the context clock of the running task does not show, so it is tracked apart:
 * right after it, and until the thread processes its next record, the thread counts as busy for {@code idle} of
 * real time. That also keeps one task's partial batch (say after the thread was descheduled for a while on a
 * loaded machine) from making every other task of the thread embed its partial batch right after it.
 *
 * <p>Only ever touched by the thread that owns it (one instance per stream thread), so it needs no locking.
 */
final class ThreadActivity {

    private static final ThreadLocal<ThreadActivity> CURRENT = ThreadLocal.withInitial(ThreadActivity::new);

    private long lastRecordMs = Long.MIN_VALUE;
    private long embeddedNanos;
    private boolean recordSinceEmbedding = true;

    ThreadActivity() {
    }

    /** The activity of the calling stream thread. */
    static ThreadActivity current() {
        return CURRENT.get();
    }

    /** A record was processed at this context wall-clock time. */
    void record(long contextTimeMs) {
        lastRecordMs = contextTimeMs;
        recordSinceEmbedding = true;
    }

    /** A batch was just embedded: more input may be waiting, and the context clock did not show the time. */
    void embedded() {
        embeddedNanos = System.nanoTime();
        recordSinceEmbedding = false;
    }

    /**
     * Whether the thread has processed nothing for {@code idleMs}: no record in that much context time, and no
     * embedding just ended (in real time) without a record since.
     */
    boolean idle(long nowMs, long idleMs) {
        if (!recordSinceEmbedding && System.nanoTime() - embeddedNanos < idleMs * 1_000_000L) {
            return false;
        }
        return lastRecordMs == Long.MIN_VALUE || nowMs - lastRecordMs >= idleMs;
    }
}
