package io.movierecs.faiss.bench;

import io.movierecs.faiss.FaissIndex;
import io.movierecs.faiss.Metric;
import io.movierecs.faiss.SearchResult;
import io.movierecs.faiss.TestVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * IVF on seeded random unit vectors: add throughput, single-thread search latency and recall@10 per nprobe,
 * serialize/deserialize cost. Random vectors have no cluster structure, the worst case for IVF recall: real
 * embeddings reach a given recall at a much smaller nprobe.
 *
 * <pre>
 * OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1 ./mvnw -q -pl faiss-jni test-compile exec:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=io.movierecs.faiss.bench.FaissBenchmark [-Dexec.args="n dim queries"]
 * </pre>
 */
public final class FaissBenchmark {

    private static final int K = 10;
    private static final int WARMUP = 200;
    private static final int[] NPROBES = {1, 4, 8, 16, 32, 64, 128, 256};

    private FaissBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int nq = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int nlist = (int) Math.round(4 * Math.sqrt(n));
        String factory = "IVF" + nlist + ",Flat";

        print("Faiss %s, %s, %d x %d-d seeded random unit vectors, %d queries, k=%d", FaissIndex.faissVersion(),
                factory, n, dim, nq, K);
        print("CPU: %s; OMP_NUM_THREADS=%s OMP_WAIT_POLICY=%s OPENBLAS_NUM_THREADS=%s", cpuModel(),
                System.getenv("OMP_NUM_THREADS"), System.getenv("OMP_WAIT_POLICY"), System.getenv("OPENBLAS_NUM_THREADS"));
        float[] data = TestVectors.randomNormalized(n, dim, 1);
        float[] queries = TestVectors.randomNormalized(nq + WARMUP, dim, 2);
        long[] ids = TestVectors.ids(0, n);

        long[][] exact = exactNeighbours(data, ids, queries, dim, nq);
        try (FaissIndex index = FaissIndex.create(factory, Metric.INNER_PRODUCT, dim)) {
            long start = System.nanoTime();
            index.train(data, n);
            print("train (k-means, %d lists, 1 thread): %.1f s", nlist, seconds(start));

            start = System.nanoTime();
            int chunk = 10_000;
            for (int first = 0; first < n; first += chunk) {
                int count = Math.min(chunk, n - first);
                index.addWithIds(Arrays.copyOfRange(data, first * dim, (first + count) * dim),
                        Arrays.copyOfRange(ids, first, first + count));
            }
            double addSeconds = seconds(start);
            print("add: %d vectors in %.2f s = %.0f vectors/s (chunks of %d)", n, addSeconds, n / addSeconds, chunk);

            print("%8s %10s %10s %10s %11s", "nprobe", "p50 ms", "p99 ms", "mean ms", "recall@10");
            for (int nprobe : NPROBES) {
                if (nprobe < nlist) {
                    searchRow(index, queries, exact, dim, nq, nprobe);
                }
            }
            searchRow(index, queries, exact, dim, nq, nlist); // every list: exhaustive, recall 1
            serializationRows(index, queries, dim, n);
        }
    }

    /** Exact neighbours from a Flat index (one batched BLAS search) for the measured queries. */
    private static long[][] exactNeighbours(float[] data, long[] ids, float[] queries, int dim, int nq) {
        long start = System.nanoTime();
        try (FaissIndex flat = FaissIndex.create("Flat", Metric.INNER_PRODUCT, dim)) {
            flat.addWithIds(data, ids);
            SearchResult result = flat.search(Arrays.copyOfRange(queries, WARMUP * dim, (WARMUP + nq) * dim), nq, K, 0);
            long[][] exact = new long[nq][];
            for (int q = 0; q < nq; q++) {
                exact[q] = result.idsOf(q);
            }
            print("exact top-%d by Flat: %.1f s for %d queries", K, seconds(start), nq);
            return exact;
        }
    }

    private static void searchRow(FaissIndex index, float[] queries, long[][] exact, int dim, int nq, int nprobe) {
        for (int q = 0; q < WARMUP; q++) {
            index.search(TestVectors.row(queries, dim, q), 1, K, nprobe);
        }
        long[] nanos = new long[nq];
        long[] found = new long[nq * K];
        for (int q = 0; q < nq; q++) {
            float[] query = TestVectors.row(queries, dim, WARMUP + q);
            long start = System.nanoTime();
            SearchResult result = index.search(query, 1, K, nprobe);
            nanos[q] = System.nanoTime() - start;
            System.arraycopy(result.ids(), 0, found, q * K, K);
        }
        double recall = TestVectors.recall(new SearchResult(nq, K, found, new float[nq * K]), exact);
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        print("%8d %10.3f %10.3f %10.3f %11.3f", nprobe, nanos[nq / 2] / 1e6, nanos[(int) (nq * 0.99)] / 1e6, mean, recall);
    }

    private static void serializationRows(FaissIndex index, float[] queries, int dim, int n) {
        long start = System.nanoTime();
        byte[] bytes = index.serialize();
        double serializeSeconds = seconds(start);
        start = System.nanoTime();
        try (FaissIndex copy = FaissIndex.deserialize(bytes)) {
            double deserializeSeconds = seconds(start);
            float[] probe = Arrays.copyOf(queries, 10 * dim);
            boolean same = Arrays.equals(index.search(probe, 10, K, 16).ids(), copy.search(probe, 10, K, 16).ids());
            print("serialize: %.3f s, %d bytes = %.1f bytes/vector (raw vector %d); deserialize: %.3f s; same results: %s",
                    serializeSeconds, bytes.length, (double) bytes.length / n, dim * 4, deserializeSeconds, same);
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown") + " x" + Runtime.getRuntime().availableProcessors();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
