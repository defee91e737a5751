package io.movierecs.embedding;

/** Cosine and norm in double precision, for assertions. */
final class VectorMath {

    private VectorMath() {}

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch: " + a.length + " vs " + b.length);
        }
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

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
