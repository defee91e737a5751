package io.movierecs.worker.topology;

/**
 * What the current stream thread has been doing, shared by the movie processors of all the tasks it runs: when
 * it last processed a record, and whether it is still busy after embedding a full batch. A task embeds a partial
 * batch only once its thread is idle, so that during a backfill every task fills its batches instead of each of
 * the (six, one per partition) tasks embedding a few movies on every wall-clock punctuation.
 *
 * <p>Times of records are the processor context's wall clock (the mock clock under TopologyTestDriver). An
 * embedding run inside {@code process()} takes real time that the context clock of the running task does not
 * show, so it is tracked apart: right after it, and until the thread processes its next record, the thread counts
 * as busy for {@code idle} of real time.
 *
 * <p>Only ever touched by the thread that owns it (one instance per stream thread), so it needs no locking.
 */
final class ThreadActivity {

    private static final ThreadLocal<ThreadActivity> CURRENT = ThreadLocal.withInitial(ThreadActivity::new);

    private long lastRecordMs = Long.MIN_VALUE;
    private long fullBatchEndNanos;
    private boolean recordSinceFullBatch = true;

    ThreadActivity() {
    }

    /** The activity of the calling stream thread. */
    static ThreadActivity current() {
        return CURRENT.get();
    }

    /** A record was processed at this context wall-clock time. */
    void record(long contextTimeMs) {
        lastRecordMs = contextTimeMs;
        recordSinceFullBatch = true;
    }

    /** A full batch was just embedded while processing a record: more input is probably waiting. */
    void fullBatchEmbedded() {
        fullBatchEndNanos = System.nanoTime();
        recordSinceFullBatch = false;
    }

    /**
     * Whether the thread has processed nothing for {@code idleMs}: no record in that much context time, and no
     * full-batch embedding just ended (in real time) without a record since.
     */
    boolean idle(long nowMs, long idleMs) {
        if (!recordSinceFullBatch && System.nanoTime() - fullBatchEndNanos < idleMs * 1_000_000L) {
            return false;
        }
        return lastRecordMs == Long.MIN_VALUE || nowMs - lastRecordMs >= idleMs;
    }
}
