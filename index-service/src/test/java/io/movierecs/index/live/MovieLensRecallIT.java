package io.movierecs.index.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.support.MovieLensVectors;
import io.movierecs.index.support.MovieLensVectors.Movie;
import io.movierecs.index.support.TestProperties;
import io.movierecs.index.vectors.FaissVectorIndexFactory;
import io.movierecs.index.vectors.VectorEncoding;
import io.movierecs.index.vectors.Neighbours;
import io.movierecs.index.vectors.VectorIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recall@10 on the real MiniLM vectors of ml-latest-small (9,742 movies, {@link MovieLensVectors}; env
 * {@code MOVIELENS_DIR}), with real Faiss, at the nprobe the service picks by itself. The movies go through
 * {@link LiveIndex} in batches of 1,000 with {@link Retrainer#maybeStart()} after each, as the ingest thread
 * does: exact until 2,000 movies, then IVF retrained as the collection doubles. Every movie then asks for its
 * ten nearest others ("similar movies"), and the answers at the default nprobe are compared with exact search.
 */
class MovieLensRecallIT {

    private static final Logger log = LoggerFactory.getLogger(MovieLensRecallIT.class);
    private static final int K = 10;

    @Test
    void defaultNprobeReachesRecallAt10OfAtLeast095OnRealMovieVectors() {
        List<Movie> movies = MovieLensVectors.load();
        assertThat(movies).hasSizeGreaterThan(9_000);
        IndexProperties properties = TestProperties.of();
        FaissVectorIndexFactory faiss = new FaissVectorIndexFactory(VectorEncoding.FP16);
        int dim = properties.dimension();
        try (LiveIndex live = new LiveIndex(faiss, dim);
                Retrainer retrainer = new Retrainer(live, new IvfBuilder(faiss, properties.index(), dim),
                        properties.index(), info -> { })) {
            ingestAsTheServiceDoes(live, retrainer, movies);
            IndexInfo info = live.info();
            float[] queries = MovieLensVectors.lay(movies);
            Neighbours[] found = live.read(index -> index.searchBatch(queries, movies.size(), K + 1, 0));
            double recall = recallAgainstExact(faiss, dim, movies, queries, found);
            log.info("{} on {} movies, nprobe {} (tuning sample recall {}): recall@10 over every movie {}",
                    info.layout().factory(), movies.size(), info.layout().nprobe(),
                    String.format("%.3f", info.recallAt10()), String.format("%.3f", recall));

            assertThat(info.layout().exact()).as("trained IVF index serves").isFalse();
            // real MiniLM neighbours spread over many lists (nprobe 56 of IVF205 here), but never all of them
            assertThat(info.layout().nprobe()).as("nprobe well below nlist (not an exhaustive scan)")
                    .isLessThan(info.layout().nlist() / 2);
            assertThat(info.recallAt10()).isGreaterThanOrEqualTo(0.95);
            assertThat(recall).as("recall@10 at the default nprobe %d of %s", info.layout().nprobe(),
                    info.layout().factory()).isGreaterThanOrEqualTo(0.95);
        }
    }

    private static void ingestAsTheServiceDoes(LiveIndex live, Retrainer retrainer, List<Movie> movies) {
        for (int from = 0; from < movies.size(); from += 1000) {
            List<Change> batch = new ArrayList<>();
            for (Movie movie : movies.subList(from, Math.min(movies.size(), from + 1000))) {
                batch.add(Change.upsert(movie.toVector(1, movie.vector())));
            }
            live.apply(batch);
            if (retrainer.maybeStart()) {
                await().atMost(Duration.ofMinutes(5)).until(() -> !retrainer.running());
            }
        }
    }

    /** Mean recall@10 of {@code found} (k+1 each, the query movie itself left out) against exact search. */
    private static double recallAgainstExact(FaissVectorIndexFactory faiss, int dim, List<Movie> movies,
            float[] queries, Neighbours[] found) {
        try (VectorIndex exact = faiss.exact(dim)) {
            exact.upsert(movies.stream().mapToLong(Movie::movieId).toArray(), queries);
            Neighbours[] truth = exact.searchBatch(queries, movies.size(), K + 1, 0);
            double sum = 0;
            for (int q = 0; q < movies.size(); q++) {
                long self = movies.get(q).movieId();
                long[] expected = topWithout(truth[q].ids(), self);
                long[] got = topWithout(found[q].ids(), self);
                int hits = 0;
                for (long id : got) {
                    for (long e : expected) {
                        hits += id == e ? 1 : 0;
                    }
                }
                sum += hits / (double) expected.length;
            }
            return sum / movies.size();
        }
    }

    private static long[] topWithout(long[] ids, long self) {
        return Arrays.stream(ids).filter(id -> id != self && id >= 0).limit(K).toArray();
    }
}
