package io.movierecs.index.bench;

import io.movierecs.index.support.ClusteredVectors;
import io.movierecs.index.support.MovieLensVectors;
import java.util.List;
import java.util.Random;

/**
 * Benchmark vectors made from the real MiniLM vectors of ml-latest-small ({@link MovieLensVectors}): first the
 * 9,742 real vectors, then as many as wanted of seeded perturbations of them. A perturbation is a real vector
 * (chosen at random) plus a random direction of length {@value #NOISE}, normalised: about 0.7 cosine to its
 * source, like a movie to its nearest real neighbours (0.6-0.8), and about 0.5 to another copy of the same
 * source, so the copies spread around the real movies instead of piling onto them. The noise is isotropic while
 * real vectors fill a narrower cone, so the copies make an easier IVF workload than 100k real movies would. Queries are further perturbations from their own seed, never indexed.
 */
final class MovieLensSource {

    static final double NOISE = 1.0;

    private final List<float[]> real;
    private final Random indexed = new Random(20261201L);
    private final Random queries = new Random(7L);
    private int served;

    MovieLensSource(List<MovieLensVectors.Movie> movies) {
        this.real = MovieLensVectors.byId(movies).stream().map(MovieLensVectors.Movie::vector).toList();
    }

    int realCount() {
        return real.size();
    }

    /** The next vector to index: a real one while any is left, then perturbed copies. */
    float[] next() {
        return served < real.size() ? real.get(served++) : perturbed(indexed);
    }

    /** {@code n} held-out query vectors laid end to end. */
    float[] queries(int n) {
        int dim = real.get(0).length;
        float[] laid = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(perturbed(queries), 0, laid, i * dim, dim);
        }
        return laid;
    }

    private float[] perturbed(Random random) {
        float[] source = real.get(random.nextInt(real.size()));
        float[] noise = new float[source.length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        ClusteredVectors.normalize(noise);
        float[] v = new float[source.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (source[i] + NOISE * noise[i]);
        }
        return ClusteredVectors.normalize(v);
    }
}
