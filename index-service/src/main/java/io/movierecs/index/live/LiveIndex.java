package io.movierecs.index.live;

import io.movierecs.index.store.MovieStore;
import io.movierecs.index.store.StoredMovie;
import io.movierecs.index.vectors.VectorIndex;
import io.movierecs.index.vectors.VectorIndexFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The movies and their vector index, kept in step. Changes arrive in batches from one thread
 * ({@link #apply}); searches run concurrently under the read lock, so a search never sees a movie half
 * upserted nor an index being swapped or closed.
 *
 * <p>Rebuilds: {@link #beginRebuild} copies the movies and starts recording which ids change; the builder
 * fills a new index from the copy, {@link #drainChanged() replays} the changed ids from the store, and
 * {@link #finishRebuild} replays the rest under the write lock and swaps. Ids are recorded after the store
 * changes, so a replay always reads a state at least as new as the one recorded.
 */
public final class LiveIndex implements AutoCloseable {

    private final MovieStore store = new MovieStore();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong generation = new AtomicLong();
    private final GenerationSignal signal = new GenerationSignal();
    private final int dimension;
    private VectorIndex current;
    private volatile IndexInfo info;
    private volatile Set<Long> changedDuringRebuild;
    private volatile Map<Integer, Long> offsets = Map.of();

    public LiveIndex(VectorIndexFactory factory, int dimension) {
        this.dimension = dimension;
        this.current = factory.exact(dimension);
        this.info = IndexInfo.exact(current.layout());
    }

    /** Applies a batch in order; per movie, stale upserts are skipped (see {@link MovieStore}). */
    public ApplyResult apply(List<Change> changes) {
        return apply(changes, Map.of());
    }

    /**
     * Applies a batch and, under the same lock, records how far into the topic the index now is
     * ({@code positions}: partition to next offset), so a reader never sees offsets ahead of the data.
     */
    public ApplyResult apply(List<Change> changes, Map<Integer, Long> positions) {
        Map<Long, StoredMovie> touched = new LinkedHashMap<>();
        int stale = 0;
        int deleted = 0;
        List<Long> times = new ArrayList<>();
        ApplyResult result;
        lock.writeLock().lock();
        try {
            for (Change change : changes) {
                if (change.isDelete()) {
                    if (store.delete(change.movieId()).isPresent()) {
                        deleted++;
                    }
                    touched.put(change.movieId(), null);
                } else if (store.accepts(change.movieId(), change.vector().sourceVersion())) {
                    StoredMovie movie = StoredMovie.of(change.vector());
                    store.put(movie);
                    touched.put(movie.movieId(), movie);
                    times.add(change.vector().sourceTsMs());
                } else {
                    stale++;
                }
            }
            writeThrough(current, touched.keySet());
            advanceLocked(positions);
            Set<Long> changed = changedDuringRebuild;
            if (changed != null) {
                changed.addAll(touched.keySet());
            }
            long gen = touched.isEmpty() ? generation.get() : generation.incrementAndGet();
            result = new ApplyResult(times.size(), deleted, stale, times.stream().mapToLong(Long::longValue).toArray(),
                    gen);
        } finally {
            lock.writeLock().unlock();
        }
        if (!touched.isEmpty()) {
            signal.changed();
        }
        return result;
    }

    /** Records positions reached without changes (e.g. past transaction markers, or an empty partition). */
    public void advance(Map<Integer, Long> positions) {
        lock.writeLock().lock();
        try {
            advanceLocked(positions);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void advanceLocked(Map<Integer, Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        Map<Integer, Long> next = new java.util.TreeMap<>(offsets);
        next.putAll(positions);
        offsets = java.util.Collections.unmodifiableMap(next);
    }

    /** Per partition, the next offset whose change is not applied yet: everything before it is searchable. */
    public Map<Integer, Long> offsets() {
        return offsets;
    }

    /** The sum of {@link #offsets()}: comparable across replicas reading the same topic. */
    public long position() {
        long sum = 0;
        for (long offset : offsets.values()) {
            sum += offset;
        }
        return sum;
    }

    /** Brings {@code index} in line with the store for {@code ids}: removed if absent, replaced if present. */
    void writeThrough(VectorIndex index, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<StoredMovie> present = new ArrayList<>(ids.size());
        List<Long> absent = new ArrayList<>();
        for (Long id : ids) {
            store.get(id).ifPresentOrElse(present::add, () -> absent.add(id));
        }
        index.remove(absent.stream().mapToLong(Long::longValue).toArray());
        long[] presentIds = new long[present.size()];
        float[] vectors = new float[present.size() * dimension];
        for (int i = 0; i < presentIds.length; i++) {
            presentIds[i] = present.get(i).movieId();
            System.arraycopy(present.get(i).vector(), 0, vectors, i * dimension, dimension);
        }
        index.upsert(presentIds, vectors);
    }

    /** Runs a read (a search) against the serving index under the read lock. */
    public <T> T read(Function<VectorIndex, T> search) {
        lock.readLock().lock();
        try {
            return search.apply(current);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Starts recording changed ids and returns a copy of the movies held now. */
    List<StoredMovie> beginRebuild() {
        lock.writeLock().lock();
        try {
            if (changedDuringRebuild != null) {
                throw new IllegalStateException("a rebuild is already running");
            }
            changedDuringRebuild = ConcurrentHashMap.newKeySet();
            return new ArrayList<>(store.movies());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Takes the ids changed since the rebuild began (or since the last drain). */
    List<Long> drainChanged() {
        List<Long> drained = new ArrayList<>();
        var iterator = changedDuringRebuild.iterator();
        while (iterator.hasNext()) {
            drained.add(iterator.next());
            iterator.remove();
        }
        return drained;
    }

    /** Replays the last changes into {@code built} and makes it the serving index; closes the old one. */
    void finishRebuild(VectorIndex built, IndexInfo builtInfo) {
        VectorIndex old;
        lock.writeLock().lock();
        try {
            writeThrough(built, drainChanged());
            old = current;
            current = built;
            info = builtInfo;
            changedDuringRebuild = null;
            generation.incrementAndGet();
        } finally {
            lock.writeLock().unlock();
        }
        signal.changed();
        old.close();
    }

    /** Gives up a rebuild (the builder failed); the serving index stays. */
    void abortRebuild() {
        changedDuringRebuild = null;
    }

    /** Replaces everything by a restored snapshot; only before changes are applied. */
    public void restore(VectorIndex index, IndexInfo restoredInfo, Collection<StoredMovie> movies,
            Map<Long, String> deleted, long restoredGeneration, Map<Integer, Long> restoredOffsets) {
        lock.writeLock().lock();
        try {
            advanceLocked(restoredOffsets);
            movies.forEach(store::put);
            deleted.forEach(store::rememberDeleted);
            VectorIndex old = current;
            current = index;
            info = restoredInfo;
            generation.set(restoredGeneration);
            old.close();
        } finally {
            lock.writeLock().unlock();
        }
        signal.changed();
    }

    /** A consistent copy for a snapshot; call it from the thread that applies changes. */
    public <T> T capture(Function<VectorIndex, T> serialize) {
        return read(serialize);
    }

    public MovieStore store() {
        return store;
    }

    public IndexInfo info() {
        return info;
    }

    public long generation() {
        return generation.get();
    }

    /** Wakes waiters at every generation change. */
    public GenerationSignal generationSignal() {
        return signal;
    }

    public long size() {
        return read(VectorIndex::size);
    }

    public int dimension() {
        return dimension;
    }

    public boolean rebuilding() {
        return changedDuringRebuild != null;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            current.close();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
