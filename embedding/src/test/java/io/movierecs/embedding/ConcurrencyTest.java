package io.movierecs.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** One encoder shared by several threads gives each of them the same vectors as a lone caller. */
class ConcurrencyTest {

    private static final int THREADS = 4;
    private static final int TEXTS = 60;

    @Test
    void threadsEmbeddingAtOnceGetTheSequentialResults() throws Exception {
        MiniLmEncoder encoder = SharedEncoders.fp32();
        List<String> texts = ParityFixture.texts().subList(0, TEXTS);
        List<float[]> expected = texts.stream().map(encoder::embed).toList();

        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Callable<float[][]>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            workers.add(() -> embedInOwnOrder(encoder, texts, seed, start));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<float[][]>> results = pool.invokeAll(workers, 2, TimeUnit.MINUTES);
            for (Future<float[][]> result : results) {
                float[][] vectors = result.get();
                for (int i = 0; i < TEXTS; i++) {
                    assertThat(VectorMath.cosine(vectors[i], expected.get(i)))
                            .as("text %d from a concurrent caller", i)
                            .isGreaterThanOrEqualTo(0.9999);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Alternates single texts and small batches, in a per-thread random order. */
    private static float[][] embedInOwnOrder(
            MiniLmEncoder encoder, List<String> texts, long seed, CyclicBarrier start) throws Exception {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        start.await(1, TimeUnit.MINUTES);
        float[][] vectors = new float[texts.size()][];
        int i = 0;
        while (i < order.size()) {
            if (i % 2 == 0) {
                vectors[order.get(i)] = encoder.embed(texts.get(order.get(i)));
                i++;
            } else {
                List<Integer> batch = order.subList(i, Math.min(order.size(), i + 5));
                List<float[]> embedded = encoder.embedBatch(batch.stream().map(texts::get).toList());
                for (int k = 0; k < batch.size(); k++) {
                    vectors[batch.get(k)] = embedded.get(k);
                }
                i += batch.size();
            }
        }
        return vectors;
    }
}
