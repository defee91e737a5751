package io.movierecs.faiss;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/** Seeded random vectors and a brute-force reference search, shared by the tests and the benchmark. */
public final class TestVectors {

    private TestVectors() {
    }

    /** {@code n} Gaussian vectors of dimension {@code dim}, each scaled to unit length, end to end. */
    public static float[] randomNormalized(int n, int dim, long seed) {
        Random random = new Random(seed);
        float[] vectors = new float[n * dim];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                float value = (float) random.nextGaussian();
                vectors[i * dim + j] = value;
                norm += value * value;
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < dim; j++) {
                vectors[i * dim + j] *= scale;
            }
        }
        return vectors;
    }

    /** Ids {@code first, first + 1, ...}. */
    public static long[] ids(long first, int n) {
        long[] ids = new long[n];
        Arrays.setAll(ids, i -> first + i);
        return ids;
    }

    /** Vector {@code i} of {@code vectors}. */
    public static float[] row(float[] vectors, int dim, int i) {
        return Arrays.copyOfRange(vectors, i * dim, (i + 1) * dim);
    }

    /** Exact top-k ids by inner product, computed in double precision, for each query. */
    public static long[][] exactInnerProduct(float[] data, long[] ids, float[] queries, int dim, int k) {
        int n = ids.length;
        int nq = queries.length / dim;
        long[][] result = new long[nq][];
        for (int q = 0; q < nq; q++) {
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                double dot = 0;
                for (int j = 0; j < dim; j++) {
                    dot += (double) data[i * dim + j] * queries[q * dim + j];
                }
                scores[i] = dot;
            }
            result[q] = IntStream.range(0, n).boxed()
                    .sorted((a, b) -> Double.compare(scores[b], scores[a]))
                    .limit(k)
                    .mapToLong(i -> ids[i])
                    .toArray();
        }
        return result;
    }

    /** Mean fraction of the exact top-k ids that the search found (order ignored). */
    public static double recall(SearchResult found, long[][] exact) {
        double total = 0;
        for (int q = 0; q < exact.length; q++) {
            long[] got = found.idsOf(q);
            long hits = Arrays.stream(exact[q]).filter(id -> Arrays.stream(got).anyMatch(g -> g == id)).count();
            total += (double) hits / exact[q].length;
        }
        return total / exact.length;
    }
}
