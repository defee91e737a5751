package io.movierecs.index.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.movierecs.events.MovieVector;
import io.movierecs.index.IndexProperties;
import io.movierecs.index.live.Change;
import io.movierecs.index.live.IndexInfo;
import io.movierecs.index.live.IvfBuilder;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.live.Retrainer;
import io.movierecs.index.metrics.IndexMetrics;
import io.movierecs.index.search.SearchFilter;
import io.movierecs.index.search.SearchOutcome;
import io.movierecs.index.search.SearchService;
import io.movierecs.index.snapshot.SnapshotFolder;
import io.movierecs.index.snapshot.SnapshotManifest;
import io.movierecs.index.snapshot.SnapshotRestorer;
import io.movierecs.index.snapshot.SnapshotStore;
import io.movierecs.index.snapshot.Snapshotter;
import io.movierecs.index.support.MovieLensVectors;
import io.movierecs.index.support.Movies;
import io.movierecs.index.support.TestProperties;
import io.movierecs.index.vectors.FaissVectorIndexFactory;
import io.movierecs.index.vectors.Neighbours;
import io.movierecs.index.vectors.VectorIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * index-service's figures on the real MiniLM vectors of ml-latest-small (env {@code MOVIELENS_DIR}; cached after
 * the first embedding), topped up with seeded perturbations of them to the size asked ({@link MovieLensSource}):
 * upserts/s into the exact and the trained index, training, single-thread search p50/p99 and recall@10 at the automatic nprobe on held-out
 * queries, snapshot write and restore times, memory per vector. Arguments: sizes (default 10000 100000);
 * {@code -DnlistFactor=8.0} sets index-service.index.nlist-factor.
 * Run with OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1 (see index-service/README.md).
 */
public final class IndexBenchmark {

    private static final int DIM = 384;
    private static final int BATCH = 1000;
    private static final int QUERIES = 2000;
    private static final int WARM_UP = 500;

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        List<MovieLensVectors.Movie> movies = MovieLensVectors.load();
        System.out.printf("index-service benchmark: Faiss %s (%s build), %d-d MiniLM vectors of %,d MovieLens movies "
                + "+ perturbed copies, %d cores, load average %.2f, OMP_NUM_THREADS=%s%n",
                io.movierecs.faiss.FaissIndex.faissVersion(), io.movierecs.faiss.FaissIndex.nativeVariant(), DIM,
                movies.size(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getenv("OMP_NUM_THREADS"));
        for (int n : sizes) {
            run(n, new MovieLensSource(movies));
        }
    }

    private static void run(int n, MovieLensSource vectors) throws Exception {
        IndexProperties properties = TestProperties.of("index.train-threshold", Integer.toString(n + 1),
                "index.nlist-factor", System.getProperty("nlistFactor", "8.0"),
                "index.encoding", System.getProperty("encoding", "fp16"));
        FaissVectorIndexFactory faiss = new FaissVectorIndexFactory(properties.index().encoding());
        System.out.printf("%n== %,d vectors (%,d real, %,d perturbed copies, noise %.2f)%n", n,
                Math.min(n, vectors.realCount()), Math.max(0, n - vectors.realCount()), MovieLensSource.NOISE);
        long heapBefore = usedHeap();
        LiveIndex live = new LiveIndex(faiss, DIM);
        double loadRate = upserts(live, vectors, n, 1);
        long heapPerMovie = (usedHeap() - heapBefore) / n;
        System.out.printf("upserts into IDMap,Flat (batches of %d, from empty): %,.0f /s%n", BATCH, loadRate);

        Retrainer retrainer = new Retrainer(live, new IvfBuilder(faiss, properties.index(), DIM), properties.index(),
                info -> { });
        IndexInfo info = retrainer.start("benchmark").get();
        System.out.printf("train %s: %.1f s (k-means, fill, nprobe tuning); nprobe %d, recall@10 on the tuning sample %.3f%n",
                info.layout().factory(), info.buildSeconds(), info.layout().nprobe(), info.recallAt10());
        searchFigures(live, properties, vectors, faiss);
        System.out.printf("upserts into %s (re-upserting existing movies): %,.0f /s%n", info.layout().factory(),
                upserts(live, vectors, Math.min(n, 20_000), 2));
        snapshotFigures(live, properties, faiss, n, heapPerMovie);
        retrainer.close();
        live.close();
    }

    private static double upserts(LiveIndex live, MovieLensSource vectors, int n, long version) {
        long started = System.nanoTime();
        for (int from = 1; from <= n; from += BATCH) {
            List<Change> batch = new ArrayList<>(BATCH);
            for (long id = from; id < from + BATCH && id <= n; id++) {
                MovieVector movie = Movies.movie(id, version, vectors.next());
                batch.add(Change.upsert(movie));
            }
            live.apply(batch);
        }
        return n / ((System.nanoTime() - started) / 1e9);
    }

    private static void searchFigures(LiveIndex live, IndexProperties properties, MovieLensSource vectors,
            FaissVectorIndexFactory faiss) {
        SearchService search = new SearchService(live, properties.search());
        float[] queries = vectors.queries(QUERIES + WARM_UP);
        long[] nanos = new long[QUERIES];
        long[] raw = new long[QUERIES];
        long[] cpu = new long[QUERIES];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<long[]> answers = new ArrayList<>();
        for (int q = 0; q < QUERIES + WARM_UP; q++) {
            float[] query = Arrays.copyOfRange(queries, q * DIM, (q + 1) * DIM);
            // the service path first, on caches the query has not warmed; the index alone second, warm
            long cpuStarted = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            SearchOutcome outcome = search.search(query, 10, 0, SearchFilter.NONE);
            long took = System.nanoTime() - started;
            long cpuTook = threads.getCurrentThreadCpuTime() - cpuStarted;
            started = System.nanoTime();
            live.read(index -> index.search(query, 10, 0));
            long rawTook = System.nanoTime() - started;
            if (q >= WARM_UP) {
                nanos[q - WARM_UP] = took;
                cpu[q - WARM_UP] = cpuTook;
                raw[q - WARM_UP] = rawTook;
                answers.add(outcome.hits().stream().mapToLong(h -> h.movie().movieId()).toArray());
            }
        }
        Arrays.sort(raw);
        Arrays.sort(cpu);
        double recall = recall(live, faiss, Arrays.copyOfRange(queries, WARM_UP * DIM, queries.length), answers);
        Arrays.sort(nanos);
        System.out.printf("search k=10, 1 thread, %d held-out queries at nprobe %d: p50 %.3f ms, p99 %.3f ms, "
                + "recall@10 vs exact %.3f%n", QUERIES, live.info().layout().nprobe(), nanos[QUERIES / 2] / 1e6,
                nanos[QUERIES * 99 / 100] / 1e6, recall);
        System.out.printf("  the same query again through the index alone (caches warm): p50 %.3f ms, p99 %.3f ms%n",
                raw[QUERIES / 2] / 1e6, raw[QUERIES * 99 / 100] / 1e6);
        System.out.printf("  CPU time of the search thread per query: p50 %.3f ms, p99 %.3f ms%n",
                cpu[QUERIES / 2] / 1e6, cpu[QUERIES * 99 / 100] / 1e6);
        long[] filtered = new long[QUERIES];
        SearchFilter comedies = new SearchFilter("Comedy", 1980, 2019, java.util.Set.of());
        for (int q = 0; q < QUERIES; q++) {
            float[] query = Arrays.copyOfRange(queries, (WARM_UP + q) * DIM, (WARM_UP + q + 1) * DIM);
            long started = System.nanoTime();
            search.search(query, 10, 0, comedies);
            filtered[q] = System.nanoTime() - started;
        }
        Arrays.sort(filtered);
        System.out.printf("filtered search (genre Comedy, 1980-2019, ~14%% of movies): p50 %.3f ms, p99 %.3f ms%n",
                filtered[QUERIES / 2] / 1e6, filtered[QUERIES * 99 / 100] / 1e6);
    }

    private static double recall(LiveIndex live, FaissVectorIndexFactory faiss, float[] queries, List<long[]> answers) {
        try (VectorIndex exact = faiss.exact(DIM)) {
            List<io.movierecs.index.store.StoredMovie> movies = List.copyOf(live.store().movies());
            for (int from = 0; from < movies.size(); from += 10_000) {
                var chunk = movies.subList(from, Math.min(movies.size(), from + 10_000));
                float[] laid = new float[chunk.size() * DIM];
                for (int i = 0; i < chunk.size(); i++) {
                    System.arraycopy(chunk.get(i).vector(), 0, laid, i * DIM, DIM);
                }
                exact.upsert(chunk.stream().mapToLong(m -> m.movieId()).toArray(), laid);
            }
            Neighbours[] truth = exact.searchBatch(queries, answers.size(), 10, 0);
            double hits = 0;
            for (int q = 0; q < answers.size(); q++) {
                long[] expected = truth[q].ids();
                hits += Arrays.stream(answers.get(q)).filter(id -> Arrays.stream(expected).anyMatch(e -> e == id)).count();
            }
            return hits / (answers.size() * 10.0);
        }
    }

    private static void snapshotFigures(LiveIndex live, IndexProperties properties, FaissVectorIndexFactory faiss,
            int n, long heapPerMovie) throws Exception {
        Path dir = Files.createTempDirectory("index-bench");
        try {
            IndexMetrics metrics = new IndexMetrics(new SimpleMeterRegistry(), live);
            Snapshotter snapshotter = new Snapshotter(live, new SnapshotFolder(dir), SnapshotStore.LOCAL, properties,
                    metrics);
            long started = System.nanoTime();
            SnapshotManifest manifest = snapshotter.take(Map.of(0, (long) n)).get();
            double writeSeconds = (System.nanoTime() - started) / 1e9;
            long indexBytes = manifest.files().get(SnapshotManifest.INDEX_FILE).bytes();
            long moviesBytes = manifest.files().get(SnapshotManifest.MOVIES_FILE).bytes();
            System.out.printf("snapshot write: %.2f s; index.faiss %,d bytes, movies.bin %,d bytes%n", writeSeconds,
                    indexBytes, moviesBytes);
            snapshotter.close();
            LiveIndex restored = new LiveIndex(faiss, DIM);
            started = System.nanoTime();
            new SnapshotRestorer(new SnapshotFolder(dir), SnapshotStore.LOCAL, faiss, DIM).restore(restored,
                    new Snapshotter(restored, new SnapshotFolder(dir), SnapshotStore.LOCAL, properties, metrics));
            double restoreSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("restore (verify checksums, read movies, deserialize index): %.2f s for %,d vectors%n",
                    restoreSeconds, restored.size());
            System.out.printf("memory per vector: %,d bytes native (Faiss) + ~%,d bytes Java heap (vector copy and "
                    + "metadata) = ~%,d bytes%n", indexBytes / n, heapPerMovie, indexBytes / n + heapPerMovie);
            restored.close();
        } finally {
            SnapshotFolder.deleteTree(dir);
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
