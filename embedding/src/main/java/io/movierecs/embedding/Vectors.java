package io.movierecs.embedding;

/** Small float-vector helpers shared by the translator and the tests. */
final class Vectors {

    /** sentence-transformers / torch {@code F.normalize} epsilon. */
    private static final double EPSILON = 1e-12;

    private Vectors() {}

    /**
     * Scales a vector to unit length in place, like {@code torch.nn.functional.normalize}.
     *
     * @param vector the vector, modified in place
     * @return the same array
     */
    static float[] l2NormalizeInPlace(float[] vector) {
        double norm = Math.max(Math.sqrt(dot(vector, vector)), EPSILON);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }

    /**
     * Cosine similarity of two vectors of the same length.
     *
     * @param a first vector
     * @param b second vector
     * @return cosine in [-1, 1]
     */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch: " + a.length + " vs " + b.length);
        }
        return dot(a, b) / Math.max(Math.sqrt(dot(a, a) * dot(b, b)), EPSILON);
    }

    /**
     * Euclidean norm.
     *
     * @param a vector
     * @return its L2 norm
     */
    static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
