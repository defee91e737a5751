package io.movierecs.index.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.movierecs.index.live.ApplyResult;
import io.movierecs.index.live.LiveIndex;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * index-service's meters:
 * <ul>
 *   <li>{@code index.vectors} gauge: vectors in the serving index (ntotal);</li>
 *   <li>{@code index.freshness} timer (histogram): searchable minus sourceTsMs, for records applied after the
 *       start-up catch-up (a replay would measure the downtime, not the pipeline);</li>
 *   <li>{@code index.consumer.lag} gauge: records on the topic not yet applied, all partitions;</li>
 *   <li>{@code index.search} timer (histogram) by {@code kind} (vector, movie);</li>
 *   <li>{@code index.snapshot.age.seconds} gauge: since the newest snapshot (NaN before the first);</li>
 *   <li>{@code index.dead.letters} counter; {@code index.updates} counter by {@code result}
 *       (upserted, deleted, stale); {@code index.generation} gauge.</li>
 * </ul>
 */
@Component
public class IndexMetrics {

    private final MeterRegistry registry;
    private final Timer freshness;
    private final Counter deadLetters;
    private final Counter upserted;
    private final Counter deleted;
    private final Counter stale;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong lastSnapshotMs = new AtomicLong();

    public IndexMetrics(MeterRegistry registry, LiveIndex live) {
        this.registry = registry;
        registry.gauge("index.vectors", live, LiveIndex::size);
        registry.gauge("index.generation", live, LiveIndex::generation);
        registry.gauge("index.consumer.lag", lag, AtomicLong::get);
        registry.gauge("index.snapshot.age.seconds", lastSnapshotMs,
                last -> last.get() == 0 ? Double.NaN : (System.currentTimeMillis() - last.get()) / 1000.0);
        this.freshness = Timer.builder("index.freshness")
                .description("From the commit in the catalog (sourceTsMs) to searchable in this replica")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.deadLetters = Counter.builder("index.dead.letters")
                .description("Records that could not be decoded or validated, sent to the dead-letter topic")
                .register(registry);
        this.upserted = updates("upserted");
        this.deleted = updates("deleted");
        this.stale = updates("stale");
    }

    private Counter updates(String result) {
        return Counter.builder("index.updates").description("Records applied to the index, by result")
                .tag("result", result).register(registry);
    }

    public void applied(ApplyResult result, boolean live) {
        upserted.increment(result.upserted());
        deleted.increment(result.deleted());
        stale.increment(result.stale());
        if (live) {
            long now = System.currentTimeMillis();
            for (long sourceTsMs : result.sourceTsMs()) {
                if (sourceTsMs > 0) {
                    freshness.record(Duration.ofMillis(Math.max(0, now - sourceTsMs)));
                }
            }
        }
    }

    public void deadLetter() {
        deadLetters.increment();
    }

    public void lag(long records) {
        lag.set(records);
    }

    public void snapshotWritten(long createdAtMs) {
        lastSnapshotMs.set(createdAtMs);
    }

    /** The search latency timer of one kind of search. */
    public Timer search(String kind) {
        return Timer.builder("index.search").description("Search latency inside index-service")
                .tag("kind", kind)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
    }
}
