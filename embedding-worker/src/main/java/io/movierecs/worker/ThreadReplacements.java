package io.movierecs.worker;

import java.time.Instant;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a stream thread dies. Records at fault never get here (the processors dead-letter them), so
 * what remains is Kafka's or the process's trouble: the thread is replaced and its tasks resume from the last
 * commit. Replacements that follow each other without progress in between are counted, but not while the broker
 * is unreachable (an outage longer than the clients' timeouts kills threads; that is not a reason to restart).
 * After {@code max} in a row the client is shut down (SHUTDOWN_CLIENT): Kafka Streams goes to ERROR, liveness
 * fails and the orchestrator restarts the process, instead of a thread replaying the same failure forever.
 */
final class ThreadReplacements implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ThreadReplacements.class);

    private final int max;
    private final PipelineProgress progress;
    private int inARow;
    private Instant progressSeen = Instant.EPOCH;
    private volatile String gaveUp;

    ThreadReplacements(int max, PipelineProgress progress) {
        this.max = max;
        this.progress = progress;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable error) {
        Instant lastProgress = progress.lastProgressAt();
        if (lastProgress.isAfter(progressSeen)) {
            inARow = 0;
            progressSeen = lastProgress;
        }
        if (!progress.brokerReachable()) {
            log.error("stream thread died while Kafka is unreachable; replacing it (not counted: the broker's"
                    + " outage is not the worker's fault)", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        inARow++;
        if (inARow >= max) {
            gaveUp = inARow + " stream threads died in a row without progress; last cause: " + error;
            log.error("{}. Shutting Kafka Streams down: liveness fails and the process is to be restarted", gaveUp,
                    error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        log.error("stream thread died ({} of {} in a row without progress); replacing it, its tasks resume from the"
                + " last commit", inARow, max, error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Why the worker gave up, or null. */
    String gaveUp() {
        return gaveUp;
    }
}
