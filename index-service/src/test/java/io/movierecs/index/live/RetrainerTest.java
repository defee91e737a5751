package io.movierecs.index.live;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.store.StoredMovie;
import io.movierecs.index.support.ClusteredVectors;
import io.movierecs.index.support.JavaVectorIndex;
import io.movierecs.index.support.TestProperties;
import io.movierecs.index.vectors.FaissVectorIndexFactory;
import io.movierecs.index.vectors.VectorEncoding;
import io.movierecs.index.vectors.VectorIndexFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** When retraining starts, and that the swap loses nothing applied while the new index was being built. */
class RetrainerTest {

    private static final int DIM = 64;
    private final ClusteredVectors vectors = new ClusteredVectors(DIM, 40, 3);

    private LiveIndex filled(VectorIndexFactory factory, int n) {
        LiveIndex live = new LiveIndex(factory, DIM);
        List<Change> changes = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            changes.add(Change.upsert(movie(id, 1, vectors.next())));
        }
        live.apply(changes);
        return live;
    }

    @Test
    void trainsAtTheThresholdAndAgainAfterDoubling() throws Exception {
        IndexProperties properties = TestProperties.of("index.train-threshold", "500", "dimension", "64");
        LiveIndex live = filled(JavaVectorIndex.factory(), 499);
        try (Retrainer retrainer = new Retrainer(live, new IvfBuilder(JavaVectorIndex.factory(), properties.index(),
                DIM), properties.index(), info -> { })) {
            assertThat(retrainer.maybeStart()).isFalse();
            live.apply(List.of(Change.upsert(movie(500, 1, vectors.next()))));
            assertThat(retrainer.maybeStart()).isTrue();
            retrainer.start("wait").get();
            assertThat(live.info().layout().exact()).isFalse();
            assertThat(live.info().trainedOn()).isEqualTo(500);

            addUpTo(live, 999);
            assertThat(retrainer.maybeStart()).isFalse();
            addUpTo(live, 1000);
            assertThat(retrainer.maybeStart()).isTrue();
            assertThat(retrainer.start("wait").get().trainedOn()).isEqualTo(1000);
        }
    }

    private void addUpTo(LiveIndex live, long last) {
        List<Change> changes = new ArrayList<>();
        for (long id = live.store().size() + 1; id <= last; id++) {
            changes.add(Change.upsert(movie(id, 1, vectors.next())));
        }
        live.apply(changes);
    }

    @Test
    void swapKeepsEveryChangeMadeDuringTheBuildAndSearchesNeverFail() throws Exception {
        IndexProperties properties = TestProperties.of("dimension", "64");
        FaissVectorIndexFactory faiss = new FaissVectorIndexFactory(VectorEncoding.FP16);
        LiveIndex live = filled(faiss, 3000);
        AtomicReference<Throwable> searchFailure = new AtomicReference<>();
        AtomicInteger searches = new AtomicInteger();
        try (Retrainer retrainer = new Retrainer(live, new IvfBuilder(faiss, properties.index(), DIM),
                properties.index(), info -> { })) {
            Thread searcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        assertThat(live.read(index -> index.search(vectors.next(), 10, 0)).size()).isEqualTo(10);
                        searches.incrementAndGet();
                    } catch (Throwable e) {
                        searchFailure.compareAndSet(null, e);
                    }
                }
            });
            searcher.start();
            CompletableFuture<IndexInfo> training = retrainer.start("test");
            Random random = new Random(5);
            int batches = 0;
            long version = 2;
            do {
                List<Change> batch = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    long id = 1 + random.nextInt(3500);
                    batch.add(random.nextInt(4) == 0 ? Change.delete(id) : Change.upsert(movie(id, version, vectors.next())));
                }
                live.apply(batch);
                version++;
                batches++;
            } while (!training.isDone() || batches < 3);
            training.get();
            searcher.interrupt();
            searcher.join(Duration.ofSeconds(10).toMillis());

            assertThat(searchFailure.get()).isNull();
            assertThat(searches.get()).isPositive();
            assertThat(live.info().layout().factory()).startsWith("IVF");
            assertThat(live.size()).isEqualTo(live.store().size());
            int nlist = live.info().layout().nlist();
            for (StoredMovie movie : live.store().movies()) {
                long[] top = live.read(index -> index.search(movie.vector(), 1, nlist)).ids();
                assertThat(top).as("movie %d finds itself", movie.movieId()).containsExactly(movie.movieId());
            }
            for (Long deleted : live.store().deletedVersions().keySet()) {
                assertThat(live.store().contains(deleted)).isFalse();
            }
        } finally {
            live.close();
        }
    }
}
