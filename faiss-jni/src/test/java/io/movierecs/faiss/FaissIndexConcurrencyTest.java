package io.movierecs.faiss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Searches share the index; writes and close are exclusive. Nothing may crash, nothing may be half-seen. */
class FaissIndexConcurrencyTest {

    private static final int DIM = 32;
    private static final int INITIAL = 2000;
    private static final int BATCH = 20;
    private static final int BATCHES = 150;
    private static final int SEARCHERS = 3;

    private final float[] data = TestVectors.randomNormalized(INITIAL + BATCH * BATCHES, DIM, 11);
    private final float[] queries = TestVectors.randomNormalized(8, DIM, 12);
    private final ExecutorService pool = Executors.newFixedThreadPool(SEARCHERS + 1);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    @Timeout(60)
    void searchesRunWhileAnotherThreadAdds() throws Exception {
        try (FaissIndex index = trainedIndex()) {
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger searches = new AtomicInteger();
            CountDownLatch searching = new CountDownLatch(SEARCHERS);
            List<Future<?>> searchers = new ArrayList<>();
            for (int s = 0; s < SEARCHERS; s++) {
                searchers.add(pool.submit(() -> searchWhile(index, writing, searching, searches)));
            }
            Future<?> writer = pool.submit(() -> {
                try {
                    searching.await();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    for (int b = 0; b < BATCHES; b++) {
                        int first = INITIAL + b * BATCH;
                        int searchesBefore = searches.get();
                        index.addWithIds(Arrays.copyOfRange(data, first * DIM, (first + BATCH) * DIM),
                                TestVectors.ids(first, BATCH));
                        while (searches.get() == searchesBefore && System.nanoTime() < deadline) {
                            Thread.yield(); // interleave: let at least one search see this batch
                        }
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });

            writer.get(30, TimeUnit.SECONDS);
            for (Future<?> searcher : searchers) {
                searcher.get(30, TimeUnit.SECONDS); // rethrows a searcher's failed assertion
            }
            assertThat(searches.get()).as("searches during the adds").isGreaterThanOrEqualTo(BATCHES);
            assertThat(index.ntotal()).isEqualTo(INITIAL + BATCH * BATCHES);
        }
    }

    @Test
    @Timeout(60)
    void closeWaitsForRunningSearchesAndLaterOnesFailCleanly() throws Exception {
        FaissIndex index = trainedIndex();
        CountDownLatch searching = new CountDownLatch(SEARCHERS);
        List<Future<Integer>> searchers = new ArrayList<>();
        for (int s = 0; s < SEARCHERS; s++) {
            searchers.add(pool.submit(() -> {
                searching.countDown();
                int searches = 0;
                try {
                    while (true) {
                        index.search(queries, 8, 10, 16);
                        searches++;
                    }
                } catch (IllegalStateException closed) {
                    return searches;
                }
            }));
        }
        searching.await();
        index.close();
        for (Future<Integer> searcher : searchers) {
            assertThat(searcher.get(30, TimeUnit.SECONDS)).isNotNegative();
        }
        assertThat(index.isClosed()).isTrue();
    }

    private FaissIndex trainedIndex() {
        FaissIndex index = FaissIndex.create("IVF16,Flat", Metric.INNER_PRODUCT, DIM);
        index.train(data, data.length / DIM);
        index.addWithIds(Arrays.copyOf(data, INITIAL * DIM), TestVectors.ids(0, INITIAL));
        return index;
    }

    /** Searches until the writer is done; checks every result, and that ntotal only grows by whole batches. */
    private Void searchWhile(FaissIndex index, AtomicBoolean writing, CountDownLatch started, AtomicInteger searches) {
        started.countDown();
        long lastTotal = 0;
        long idLimit = INITIAL + (long) BATCH * BATCHES;
        do {
            long total = index.ntotal();
            assertThat(total).isGreaterThanOrEqualTo(lastTotal);
            assertThat((total - INITIAL) % BATCH).isZero();
            lastTotal = total;
            for (long id : index.search(queries, 8, 10, 4).ids()) {
                assertThat(id).isBetween(SearchResult.MISSING, idLimit - 1);
            }
            searches.incrementAndGet();
        } while (writing.get());
        return null;
    }
}
