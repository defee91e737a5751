package io.movierecs.worker.topology;

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
 */
public record TopologySettings(String topicPrefix, String schema, int peoplePartitions, int moviesPartitions,
        int maxBatch, Duration flushInterval, Duration maxWait, Duration snapshotSettle) {

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
