package io.movierecs.embedding;

/** Float-vector helpers for the translator. */
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
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        double norm = Math.max(Math.sqrt(sum), EPSILON);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }
}
