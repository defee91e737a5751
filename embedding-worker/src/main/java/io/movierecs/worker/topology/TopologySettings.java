package io.movierecs.worker.topology;

import io.movierecs.events.CatalogTable;
import io.movierecs.events.Topics;
import java.time.Duration;

/**
 * What the topology needs to know.
 *
 * @param topicPrefix catalog topic prefix ({@code catalog})
 * @param schema catalog schema ({@code public} or {@code dbo})
 * @param peoplePartitions partitions of the people topic (the credits-by-person repartition topic matches it)
 * @param moviesPartitions partitions of the movies topic (the movie-events repartition topic matches it)
 * @param maxBatch most texts per embedding call
 * @param flushInterval how long the stream thread must be idle before a partial batch is embedded
 * @param maxWait longest a changed movie waits for its batch while input keeps coming
 * @param snapshotSettle how long a movie touched only by snapshot reads must go unchanged before it is embedded
 *     (its credits and names arrive after its row during a backfill); zero embeds it like a live change
 * @param retry how a failed embedding is retried
 */
public record TopologySettings(String topicPrefix, String schema, int peoplePartitions, int moviesPartitions,
        int maxBatch, Duration flushInterval, Duration maxWait, Duration snapshotSettle, Retry retry) {

    /**
     * Retries of a movie whose embedding failed: capped exponential backoff per movie.
     *
     * @param initial wait before the second attempt (doubles after each failure)
     * @param max longest wait between attempts
     * @param rejectAfter failures of a text alone (while the model embeds others) before it is a dead letter
     */
    public record Retry(Duration initial, Duration max, int rejectAfter) {

        /** 1 s doubling to 30 s; a text that fails alone 3 times is a dead letter. */
        public static final Retry DEFAULT = new Retry(Duration.ofSeconds(1), Duration.ofSeconds(30), 3);

        public Retry {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || rejectAfter < 1) {
                throw new IllegalArgumentException("retry needs 0 < initial <= max and rejectAfter >= 1");
            }
        }

        /** The wait after the {@code attempts}-th failure (1 = the first): initial doubling, at most max. */
        public long delayMs(int attempts) {
            int doublings = Math.min(Math.max(attempts - 1, 0), 20);
            return Math.min(max.toMillis(), initial.toMillis() << doublings);
        }
    }

    /** Settings with the {@link Retry#DEFAULT default retries}. */
    public TopologySettings(String topicPrefix, String schema, int peoplePartitions, int moviesPartitions,
            int maxBatch, Duration flushInterval, Duration maxWait, Duration snapshotSettle) {
        this(topicPrefix, schema, peoplePartitions, moviesPartitions, maxBatch, flushInterval, maxWait,
                snapshotSettle, Retry.DEFAULT);
    }

    /** The longest wait for a batch when none is given. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

    /** Settings with the {@link #DEFAULT_MAX_WAIT default longest wait}. */
    public TopologySettings(String topicPrefix, String schema, int peoplePartitions, int moviesPartitions,
            int maxBatch, Duration flushInterval) {
        this(topicPrefix, schema, peoplePartitions, moviesPartitions, maxBatch, flushInterval, DEFAULT_MAX_WAIT);
    }

    /** Settings that embed snapshot reads without waiting for them to settle. */
    public TopologySettings(String topicPrefix, String schema, int peoplePartitions, int moviesPartitions,
            int maxBatch, Duration flushInterval, Duration maxWait) {
        this(topicPrefix, schema, peoplePartitions, moviesPartitions, maxBatch, flushInterval, maxWait,
                Duration.ZERO);
    }

    /** The catalog's movies topic. */
    public String moviesTopic() {
        return catalogTopic(CatalogTable.MOVIES);
    }

    /** The change topic of a catalog table. */
    public String catalogTopic(CatalogTable table) {
        return Topics.catalog(topicPrefix, schema, table).name();
    }

    public TopologySettings {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        if (snapshotSettle.isNegative()) {
            throw new IllegalArgumentException("snapshotSettle must not be negative");
        }
        if (peoplePartitions < 1 || moviesPartitions < 1) {
            throw new IllegalArgumentException("partition counts must be at least 1");
        }
    }
}
