package io.movierecs.index.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.store.StoredMovie;
import io.movierecs.index.support.ClusteredVectors;
import io.movierecs.index.support.Movies;
import io.movierecs.index.support.TestProperties;
import io.movierecs.index.vectors.FaissVectorIndexFactory;
import io.movierecs.index.vectors.VectorEncoding;
import io.movierecs.index.vectors.Neighbours;
import io.movierecs.index.vectors.VectorIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recall@10 of the trained IVF index at its automatically chosen nprobe, against exact search, with real
 * Faiss on 10,000 clustered 384-d vectors (300 centroids) and 500 held-out queries: a fast, seeded stand-in;
 * {@link MovieLensRecallIT} makes the same check on the real MiniLM vectors of ml-latest-small.
 */
class RecallTest {

    private static final int DIM = 384;

    @Test
    void defaultNprobeReachesRecallAt10OfAtLeast095OnHeldOutQueries() {
        IndexProperties properties = TestProperties.of();
        ClusteredVectors vectors = new ClusteredVectors(DIM, 300, 20261124L);
        List<StoredMovie> movies = new ArrayList<>();
        for (long id = 1; id <= 10_000; id++) {
            movies.add(StoredMovie.of(Movies.movie(id, 1, vectors.next())));
        }
        FaissVectorIndexFactory factory = new FaissVectorIndexFactory(VectorEncoding.FP16);
        IvfBuilder builder = new IvfBuilder(factory, properties.index(), DIM);
        int queries = 500;
        float[] held = vectors.next(queries);

        IvfBuilder.Built built = builder.build(movies);
        try (VectorIndex ivf = built.index(); VectorIndex exact = factory.exact(DIM)) {
            builder.addAll(exact, movies);
            Neighbours[] truth = exact.searchBatch(held, queries, 10, 0);
            Neighbours[] found = ivf.searchBatch(held, queries, 10, 0);
            double recall = 0;
            for (int q = 0; q < queries; q++) {
                long[] expected = truth[q].ids();
                recall += Arrays.stream(found[q].ids()).filter(id -> Arrays.stream(expected).anyMatch(e -> e == id))
                        .count() / 10.0;
            }
            recall /= queries;

            assertThat(built.info().layout().factory()).isEqualTo("IVF256,SQfp16");
            assertThat(built.info().layout().nprobe()).isBetween(1, 64);
            assertThat(built.info().recallAt10()).isGreaterThanOrEqualTo(0.95);
            assertThat(recall).as("held-out recall@10 at nprobe %d", ivf.layout().nprobe())
                    .isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void nlistFollowsEightSqrtNCappedBy39PointsPerList() {
        IvfBuilder builder = new IvfBuilder(new FaissVectorIndexFactory(VectorEncoding.FP16), TestProperties.of().index(), DIM);
        assertThat(builder.nlistFor(100_000)).isEqualTo(2530);
        assertThat(builder.nlistFor(1_000_000)).isEqualTo(8000);
        assertThat(builder.nlistFor(10_000)).isEqualTo(256);
        assertThat(builder.nlistFor(2_000)).isEqualTo(51);
        assertThat(NprobeTuner.candidates(8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(NprobeTuner.candidates(64)).startsWith(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18,
                20, 22, 24, 26, 28, 30, 32, 36, 40, 44, 48)
                .endsWith(48, 52, 56, 60, 64);
    }
}
