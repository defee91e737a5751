package io.movierecs.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The worker's meters: {@code worker.embeddings} (rate = embeddings/s), {@code worker.batch.size},
 * {@code worker.embed.time}, {@code worker.unchanged.skips} (text unchanged, no embedding) and
 * {@code worker.dead.letters} by table, {@code worker.older.changes.ignored} by table (out-of-order input),
 * {@code worker.wrapped.keys} by table (Kafka Connect keys with schemas, dead-lettered) and
 * {@code worker.embedding.retries} (failed embeddings put back to be retried). Kafka Streams' own metrics (lag,
 * commit latency) are bound beside them.
 *
 * <p>Also the state of the model as the stream threads last saw it: while embeddings fail for a reason that is
 * not the text's ({@link #embeddingFailure()}), the worker makes no progress.
 */
public final class WorkerMetrics {

    private final MeterRegistry registry;
    private final Counter embeddings;
    private final DistributionSummary batchSize;
    private final Timer embedTime;
    private final Counter unchanged;
    private final Counter retries;
    private volatile Throwable embeddingFailure;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.embeddings = Counter.builder("worker.embeddings").description("Texts embedded").register(registry);
        this.batchSize = DistributionSummary.builder("worker.batch.size").description("Texts per embedding call")
                .publishPercentileHistogram().register(registry);
        this.embedTime = Timer.builder("worker.embed.time").description("Time per embedding call")
                .publishPercentileHistogram().register(registry);
        this.unchanged = Counter.builder("worker.unchanged.skips")
                .description("Changed movies whose embedded text did not change (no embedding)").register(registry);
        this.retries = Counter.builder("worker.embedding.retries")
                .description("Movies put back to be embedded again after a failed embedding").register(registry);
    }

    public void embedded(int texts, long nanos) {
        embeddingFailure = null;
        embeddings.increment(texts);
        batchSize.record(texts);
        if (nanos > 0) {
            embedTime.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** An embedding failed for a reason that is not its text's (the movie will be retried). */
    public void embeddingFailed(Throwable error) {
        embeddingFailure = error;
    }

    /** The failure of the last embedding, when no embedding succeeded since; else null. */
    public Throwable embeddingFailure() {
        return embeddingFailure;
    }

    public void embeddingRetry() {
        retries.increment();
    }

    public void olderChangeIgnored(String table) {
        Counter.builder("worker.older.changes.ignored")
                .description("Changes ignored because the worker holds a newer version of the row")
                .tag("table", table).register(registry).increment();
    }

    public void wrappedKey(String table) {
        Counter.builder("worker.wrapped.keys")
                .description("Records with a schema/payload wrapped key (Kafka Connect with key schemas), dead-lettered")
                .tag("table", table).register(registry).increment();
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
