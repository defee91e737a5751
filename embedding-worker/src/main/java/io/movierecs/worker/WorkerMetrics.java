package io.movierecs.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The worker's meters: {@code worker.embeddings} (rate = embeddings/s), {@code worker.batch.size},
 * {@code worker.embed.time}, {@code worker.unchanged.skips} (text unchanged, no embedding) and
 * {@code worker.dead.letters} by table. Kafka Streams' own metrics (lag, commit latency) are bound beside them.
 */
public final class WorkerMetrics {

    private final MeterRegistry registry;
    private final Counter embeddings;
    private final DistributionSummary batchSize;
    private final Timer embedTime;
    private final Counter unchanged;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.embeddings = Counter.builder("worker.embeddings").description("Texts embedded").register(registry);
        this.batchSize = DistributionSummary.builder("worker.batch.size").description("Texts per embedding call")
                .publishPercentileHistogram().register(registry);
        this.embedTime = Timer.builder("worker.embed.time").description("Time per embedding call")
                .publishPercentileHistogram().register(registry);
        this.unchanged = Counter.builder("worker.unchanged.skips")
                .description("Changed movies whose embedded text did not change (no embedding)").register(registry);
    }

    public void embedded(int texts, long nanos) {
        embeddings.increment(texts);
        batchSize.record(texts);
        if (nanos > 0) {
            embedTime.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    public void unchangedText() {
        unchanged.increment();
    }

    public void deadLetter(String table) {
        Counter.builder("worker.dead.letters").description("Records sent to a dead-letter topic")
                .tag("table", table).register(registry).increment();
    }

    public double embeddings() {
        return embeddings.count();
    }
}
