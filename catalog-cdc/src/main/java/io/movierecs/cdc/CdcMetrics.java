package io.movierecs.cdc;

import io.debezium.engine.ChangeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * catalog-cdc's meters: {@code catalog.cdc.events} (rate = events/s, by table and op),
 * {@code catalog.cdc.lag} (commit in the catalog to acknowledged by Kafka), {@code catalog.cdc.errors}
 * (publish attempts that failed and are retried), {@code catalog.cdc.dead.letters} (changes too large for
 * Kafka) and {@code catalog.cdc.last.event.age.seconds}.
 */
@Component
public class CdcMetrics {

    private static final Logger log = LoggerFactory.getLogger(CdcMetrics.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
                .description("Publish attempts Kafka did not acknowledge (each is retried)")
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

    /** Counts an acknowledged change by table and op (a tombstone counts as op {@code tombstone}). */
    void published(ChangeEvent<String, String> record) {
        String table = record.destination().substring(record.destination().lastIndexOf('.') + 1);
        if (record.value() == null) {
            published(table, "tombstone", 0);
            return;
        }
        try {
            JsonNode value = JSON.readTree(record.value());
            published(table, value.path("op").asString("?"), value.path("source").path("ts_ms").asLong(0));
        } catch (RuntimeException e) {
            log.warn("change event of {} is not the JSON envelope expected: {}", record.destination(),
                    e.getMessage());
            published(table, "?", 0);
        }
    }

    void failed() {
        errors.increment();
    }

    void deadLetter(String topic) {
        Counter.builder("catalog.cdc.dead.letters")
                .description("Changes too large for Kafka, sent to <topic>.dlq instead (not replayable)")
                .tag("topic", topic).register(registry).increment();
    }
}
