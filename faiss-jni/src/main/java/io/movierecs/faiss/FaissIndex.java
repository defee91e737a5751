package io.movierecs.faiss;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongFunction;

/**
 * One Faiss index of float vectors with 64-bit ids, held in native memory.
 *
 * <p><b>Ownership.</b> The instance owns its native index and frees it in {@link #close()}, once; later calls
 * and calls on a closed index throw {@link IllegalStateException}. An index that becomes unreachable without
 * being closed is freed by a {@link Cleaner} (and a warning is logged): close it, since native memory is
 * invisible to the Java heap limits.
 *
 * <p><b>Threads.</b> Searches and reads run concurrently; {@link #train}, {@link #addWithIds},
 * {@link #removeIds} and {@link #close} take an exclusive lock and wait for running searches.
 *
 * <p><b>Ids.</b> Every index takes external ids: IVF indexes store them natively, anything else (for example
 * "Flat" or "HNSW32") is wrapped in Faiss's IndexIDMap, so "Flat" and "IDMap,Flat" behave the same. Faiss
 * does not deduplicate: adding an id that is already present keeps both copies. An upsert is
 * {@code removeIds(id)} followed by {@code addWithIds}.
 *
 * <p><b>Errors.</b> Arrays of the wrong length and similar argument errors are {@link IllegalArgumentException}s
 * raised before any native call; everything Faiss rejects is a {@link FaissException} with Faiss's message.
 */
public final class FaissIndex implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FaissIndex.class.getName());
    private static final Cleaner CLEANER = Cleaner.create();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final NativeHandle handle;
    private final Cleaner.Cleanable cleanable;
    private final int dimension;
    private final Metric metric;

    private FaissIndex(long address) {
        this.dimension = FaissNative.dimension(address);
        this.metric = Metric.fromCode(FaissNative.metric(address));
        this.handle = new NativeHandle(address); // from here on the cleanable owns the address
        this.cleanable = CLEANER.register(this, handle);
    }

    /**
     * Builds an empty index from a Faiss factory string, e.g. {@code "IVF1024,Flat"}, {@code "Flat"},
     * {@code "IVF256,PQ32"}, {@code "HNSW32"}. IVF indexes must be {@linkplain #train trained} before adding.
     *
     * @throws FaissException with Faiss's message when the string does not parse
     */
    public static FaissIndex create(String factory, Metric metric, int dimension) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(metric, "metric");
        if (factory.isBlank()) {
            throw new IllegalArgumentException("factory string must not be blank");
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, was " + dimension);
        }
        NativeLibrary.ensureLoaded();
        return adopt(FaissNative.create(factory, metric.code(), dimension));
    }

    /**
     * Reads an index written by {@link #serialize()}.
     *
     * @throws FaissException with Faiss's message when the bytes are truncated or not an index
     */
    public static FaissIndex deserialize(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("serialized index must not be empty");
        }
        NativeLibrary.ensureLoaded();
        return adopt(FaissNative.deserialize(bytes));
    }

    /** Faiss's version, e.g. "1.7.3". */
    public static String faissVersion() {
        NativeLibrary.ensureLoaded();
        return FaissNative.faissVersion();
    }

    /**
     * Which build of the native library runs: "avx2" (Faiss compiled with AVX2+FMA, chosen when the CPU has
     * them), "generic" (Debian's SSE-only Faiss) or "override" ({@code -Dmovierecs.faiss.library}).
     */
    public static String nativeVariant() {
        return NativeLibrary.variant();
    }

    /** Wraps a fresh native index, freeing it if the wrapper cannot be built. */
    private static FaissIndex adopt(long address) {
        try {
            return new FaissIndex(address);
        } catch (RuntimeException | Error e) {
            FaissNative.free(address);
            throw e;
        }
    }

    /** Trains on {@code n} vectors laid end to end in {@code vectors} (IVF: k-means for the coarse quantizer). */
    public void train(float[] vectors, int n) {
        Objects.requireNonNull(vectors, "vectors");
        requireVectors(vectors.length, n, "vectors");
        write(address -> {
            FaissNative.train(address, vectors, n);
            return null;
        });
    }

    public boolean isTrained() {
        return read(FaissNative::isTrained);
    }

    /**
     * Adds {@code ids.length} vectors laid end to end in {@code vectors}, vector i under {@code ids[i]}.
     * An id that is already present is not replaced: both copies stay (see the class comment).
     */
    public void addWithIds(float[] vectors, long[] ids) {
        Objects.requireNonNull(vectors, "vectors");
        Objects.requireNonNull(ids, "ids");
        requireVectors(vectors.length, ids.length, "vectors for " + ids.length + " ids");
        write(address -> {
            FaissNative.addWithIds(address, vectors, ids);
            return null;
        });
    }

    /** Removes every vector stored under one of {@code ids}; returns how many vectors went. */
    public long removeIds(long... ids) {
        Objects.requireNonNull(ids, "ids");
        return write(address -> FaissNative.removeIds(address, ids));
    }

    /**
     * Finds the {@code k} nearest neighbours of each of {@code nq} queries laid end to end in {@code queries}.
     *
     * @param nprobe inverted lists to visit per query on an IVF index, for this call only (Faiss caps it at
     *               nlist); 0 or less uses the index's own setting; ignored by indexes without IVF
     */
    public SearchResult search(float[] queries, int nq, int k, int nprobe) {
        Objects.requireNonNull(queries, "queries");
        requireVectors(queries.length, nq, "queries");
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, was " + k);
        }
        long cells = (long) nq * k;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(nq + " queries x k " + k + " neighbours do not fit in an array");
        }
        float[] scores = new float[(int) cells];
        long[] ids = new long[(int) cells];
        read(address -> {
            FaissNative.search(address, queries, nq, k, nprobe, scores, ids);
            return null;
        });
        return new SearchResult(nq, k, ids, scores);
    }

    /** Number of vectors in the index. */
    public long ntotal() {
        return read(FaissNative::ntotal);
    }

    /** Number of inverted lists, or 0 when the index has no IVF. */
    public long nlist() {
        return read(FaissNative::nlist);
    }

    /**
     * Bytes one vector takes in the inverted lists ({@code 4 * dimension} for {@code IVF..,Flat}, {@code 2 *
     * dimension} for {@code IVF..,SQfp16}), or 0 when the index has no IVF.
     */
    public long codeSize() {
        return read(FaissNative::codeSize);
    }

    public int dimension() {
        return dimension;
    }

    public Metric metric() {
        return metric;
    }

    /**
     * The index in Faiss's own format (Python's {@code faiss.deserialize_index} reads it too). Limited to what
     * a Java array holds (2 GiB); Faiss's format carries no checksum, so checksum stored snapshots.
     */
    public byte[] serialize() {
        return read(FaissNative::serialize);
    }

    public boolean isClosed() {
        lock.readLock().lock();
        try {
            return handle.address == 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Frees the native index; waits for running calls. Closing again does nothing. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            handle.closedExplicitly = true;
            cleanable.clean();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(LongFunction<T> operation) {
        return locked(lock.readLock(), operation);
    }

    private <T> T write(LongFunction<T> operation) {
        return locked(lock.writeLock(), operation);
    }

    private <T> T locked(Lock held, LongFunction<T> operation) {
        held.lock();
        try {
            long address = handle.address;
            if (address == 0) {
                throw new IllegalStateException("FaissIndex is closed");
            }
            return operation.apply(address);
        } finally {
            held.unlock();
            Reference.reachabilityFence(this); // the Cleaner must not free the index during a native call
        }
    }

    private void requireVectors(int length, int count, String what) {
        if (count < 0) {
            throw new IllegalArgumentException("vector count must not be negative, was " + count);
        }
        if ((long) count * dimension != length) {
            throw new IllegalArgumentException("expected " + count + " x " + dimension + " = " + (long) count * dimension
                    + " floats of " + what + ", got " + length);
        }
    }

    /** The native address and its release; must not refer to the FaissIndex, or the Cleaner never runs. */
    private static final class NativeHandle implements Runnable {
        long address;
        boolean closedExplicitly;

        NativeHandle(long address) {
            this.address = address;
        }

        @Override
        public void run() {
            long toFree = address;
            address = 0;
            if (!closedExplicitly) {
                LOG.log(System.Logger.Level.WARNING, "A FaissIndex was not closed; the cleaner freed it");
            }
            FaissNative.free(toFree);
        }
    }
}
