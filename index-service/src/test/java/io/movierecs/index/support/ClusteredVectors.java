package io.movierecs.index.support;

import java.util.Random;

/**
 * Seeded synthetic stand-ins for MiniLM movie vectors: unit vectors drawn around a few hundred random
 * centroids with Gaussian noise, so that, like real sentence embeddings, they cluster (a vector's cosine to
 * its centroid is about 0.75, to other vectors of its cluster about 0.55, to unrelated ones about 0). Uniform
 * random vectors would have no neighbourhood structure and make any IVF index look hopeless.
 */
public final class ClusteredVectors {

    private final int dimension;
    private final float[][] centroids;
    private final double noise;
    private final Random random;

    public ClusteredVectors(int dimension, int clusters, long seed) {
        this(dimension, clusters, 0.9, seed);
    }

    /** @param noise standard deviation of the noise relative to the centroid's length */
    public ClusteredVectors(int dimension, int clusters, double noise, long seed) {
        this.dimension = dimension;
        this.noise = noise;
        this.random = new Random(seed);
        this.centroids = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centroids[c] = gaussianUnit();
        }
    }

    /** The next vector: a random centroid plus noise, normalised. */
    public float[] next() {
        float[] centroid = centroids[random.nextInt(centroids.length)];
        float[] v = new float[dimension];
        double scale = noise / Math.sqrt(dimension);
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) (centroid[i] + random.nextGaussian() * scale);
        }
        return normalize(v);
    }

    /** {@code n} vectors laid end to end. */
    public float[] next(int n) {
        float[] laid = new float[n * dimension];
        for (int i = 0; i < n; i++) {
            System.arraycopy(next(), 0, laid, i * dimension, dimension);
        }
        return laid;
    }

    private float[] gaussianUnit() {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalize(v);
    }

    public static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    public int dimension() {
        return dimension;
    }
}
