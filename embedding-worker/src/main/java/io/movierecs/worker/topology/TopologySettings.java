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
 * @param flushInterval longest a changed movie waits for its batch
 */
public record TopologySettings(String topicPrefix, String schema, int peoplePartitions, int moviesPartitions,
        int maxBatch, Duration flushInterval) {

    public TopologySettings {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        if (peoplePartitions < 1 || moviesPartitions < 1) {
            throw new IllegalArgumentException("partition counts must be at least 1");
        }
    }
}
