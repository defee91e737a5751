package io.movierecs.faiss;

/**
 * The native methods of libmovierecs_faiss.so, and nothing else. Callers check arguments and the handle
 * first and must have called {@link NativeLibrary#ensureLoaded()}; the C++ side checks again and throws
 * {@link FaissException} or {@link IllegalArgumentException}, never crashes on a bad argument. A handle is
 * the address of a C++ {@code movierecs::ShimIndex}, owned by exactly one {@link FaissIndex}.
 */
final class FaissNative {

    private FaissNative() {
    }

    static native long create(String factory, int metricCode, int dimension);

    static native long deserialize(byte[] bytes);

    static native void free(long handle);

    static native void train(long handle, float[] vectors, int n);

    static native boolean isTrained(long handle);

    static native void addWithIds(long handle, float[] vectors, long[] ids);

    static native long removeIds(long handle, long[] ids);

    static native void search(long handle, float[] queries, int nq, int k, int nprobe, float[] scores, long[] ids);

    static native byte[] serialize(long handle);

    static native long ntotal(long handle);

    static native int dimension(long handle);

    static native int metric(long handle);

    static native long nlist(long handle);

    static native long codeSize(long handle);

    static native String faissVersion();

    /** omp_get_max_threads() on the calling thread, after the shim applied its threading default. */
    static native int ompMaxThreads();
}
