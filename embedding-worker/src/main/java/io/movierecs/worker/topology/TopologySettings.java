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
 */
public record TopologySettings(String topicPrefix, String schema, int peoplePartitions, int moviesPartitions,
        int maxBatch, Duration flushInterval, Duration maxWait) {

    /** The longest wait for a batch when none is given. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

    /** Settings with the {@link #DEFAULT_MAX_WAIT default longest wait}. */
    public TopologySettings(String topicPrefix, String schema, int peoplePartitions, int moviesPartitions,
            int maxBatch, Duration flushInterval) {
        this(topicPrefix, schema, peoplePartitions, moviesPartitions, maxBatch, flushInterval, DEFAULT_MAX_WAIT);
    }

    public TopologySettings {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        if (peoplePartitions < 1 || moviesPartitions < 1) {
            throw new IllegalArgumentException("partition counts must be at least 1");
        }
    }
}
