package io.movierecs.index.snapshot;

import io.movierecs.index.live.IndexInfo;
import io.movierecs.index.store.StoredMovie;
import java.util.List;
import java.util.Map;

/**
 * Everything a snapshot holds, taken on the ingest thread between batches so that index, movies and offsets
 * agree. The movies are immutable records shared with the store; writing can then happen on another thread.
 *
 * @param indexBytes the serialized index
 * @param movies the movies held
 * @param deleted deleted movies and the last version held of each
 * @param info how the index was built
 * @param generation index generation
 * @param offsets next offset per partition
 * @param createdAtMs capture time
 */
public record Capture(byte[] indexBytes, List<StoredMovie> movies, Map<Long, String> deleted, IndexInfo info,
        long generation, Map<Integer, Long> offsets, long createdAtMs) {
}
