package io.movierecs.index.vectors;

/**
 * A similarity index of vectors under 64-bit movie ids, scored by inner product (larger is better).
 *
 * <p>Threads: {@link #search} may run concurrently with itself; mutations must not overlap searches or each
 * other (the caller, {@code io.movierecs.index.live.LiveIndex}, holds a read-write lock). Owns native memory:
 * {@link #close()} it.
 */
public interface VectorIndex extends AutoCloseable {

    /**
     * Replaces the vectors of {@code ids} (vector i laid at {@code i * dimension}); ids not yet present are
     * added. An id must appear once per call.
     */
    void upsert(long[] ids, float[] vectors);

    /** Removes the vectors of {@code ids}; ids not present are ignored. */
    void remove(long[] ids);

    /**
     * The {@code k} best neighbours of one query, best first; fewer when the index (or the lists visited) hold
     * fewer.
     *
     * @param nprobe inverted lists to visit on an IVF index; 0 or less = the index's default
     */
    Neighbours search(float[] query, int k, int nprobe);

    /** Exact top-k of many queries at once (ground truth for recall); nq queries laid end to end. */
    Neighbours[] searchBatch(float[] queries, int nq, int k, int nprobe);

    /** Vectors held. */
    long size();

    int dimension();

    /** What kind of index this is. */
    IndexLayout layout();

    /** Sets the lists visited when a search passes nprobe 0 (ignored by exact indexes). */
    void setDefaultNprobe(int nprobe);

    /** The index in its own format, for snapshots; read back by {@link VectorIndexFactory#deserialize}. */
    byte[] serialize();

    @Override
    void close();
}
