package io.movierecs.cdc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * catalog-cdc's meters: {@code catalog.cdc.events} (rate = events/s, by table and op),
 * {@code catalog.cdc.lag} (commit in the catalog to acknowledged by Kafka), {@code catalog.cdc.errors}
 * and {@code catalog.cdc.last.event.age.seconds}.
 */
@Component
public class CdcMetrics {

    private final MeterRegistry registry;
    private final Timer lag;
    private final Counter errors;
    private final AtomicLong lastEventMillis = new AtomicLong(System.currentTimeMillis());

    public CdcMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder("catalog.cdc.lag")
                .description("Time from the commit in the catalog to the record acknowledged by Kafka")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.errors = Counter.builder("catalog.cdc.errors")
                .description("Batches that could not be published (the engine stops and reports DOWN)")
                .register(registry);
        registry.gauge("catalog.cdc.last.event.age.seconds", lastEventMillis,
                last -> (System.currentTimeMillis() - last.get()) / 1000.0);
    }

    void published(String table, String op, long sourceTsMs) {
        Counter.builder("catalog.cdc.events").description("Change events published to Kafka")
                .tag("table", table).tag("op", op).register(registry).increment();
        long now = System.currentTimeMillis();
        lastEventMillis.set(now);
        if (sourceTsMs > 0) {
            lag.record(Duration.ofMillis(Math.max(0, now - sourceTsMs)));
        }
    }

    void failed() {
        errors.increment();
    }
}
