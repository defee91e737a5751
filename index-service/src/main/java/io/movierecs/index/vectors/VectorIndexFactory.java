package io.movierecs.index.vectors;

/** Makes {@link VectorIndex}es: the exact one for small collections, trained IVF ones, and snapshot copies. */
public interface VectorIndexFactory {

    /** An empty exact (brute-force) index. */
    VectorIndex exact(int dimension);

    /**
     * An empty IVF index whose {@code nlist} lists were trained (k-means) on {@code n} vectors laid end to end
     * in {@code training}; searches visit {@code defaultNprobe} lists unless told otherwise.
     */
    VectorIndex trainIvf(int dimension, int nlist, int defaultNprobe, float[] training, int n);

    /** Reads an index written by {@link VectorIndex#serialize()}. */
    VectorIndex deserialize(byte[] bytes, int defaultNprobe);
}
