package io.movierecs.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the Debezium engine for the life of the application. Start-up checks Kafka and the catalog first and
 * fails with a clear message; the engine then runs on its own thread until stop or failure.
 */
@Component
public class CdcEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CdcEngine.class);

    private final CdcProperties cdc;
    private final CdcMetrics metrics;
    private final EngineState state = new EngineState();
    private KafkaProducer<String, String> producer;
    private DebeziumEngine<ChangeEvent<String, String>> engine;
    private ExecutorService executor;

    public CdcEngine(CdcProperties cdc, CdcMetrics metrics) {
        this.cdc = cdc;
        this.metrics = metrics;
    }

    public EngineState state() {
        return state;
    }

    @Override
    public synchronized void start() {
        Preflight preflight = new Preflight(cdc);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cdc.kafka().bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
        try {
            preflight.checkKafka(admin);
            preflight.checkDatabase();
            if (cdc.topics().create()) {
                new TopicCreator(cdc).createMissing(admin);
            }
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
        prepareOffsetFile();
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        TopicRouter router = new TopicRouter(cdc.topics().prefix(), cdc.schema());
        engine = DebeziumEngine.create(Json.class)
                .using(DebeziumSettings.of(cdc))
                .notifying(new ChangePublisher(producer, router, metrics, cdc.kafka().publishTimeoutMs()))
                .using(state)
                .using(state::completed)
                .build();
        executor = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "catalog-cdc-engine"));
        state.starting();
        executor.execute(engine);
        log.info("catalog-cdc streaming {} {} at {}:{} into Kafka {} (topics {}.{}.*)", cdc.connector(),
                cdc.database().name(), cdc.database().host(), DebeziumSettings.port(cdc),
                cdc.kafka().bootstrapServers(), cdc.topics().prefix(), cdc.schema());
    }

    private void prepareOffsetFile() {
        if (cdc.offsets().store() == CdcProperties.OffsetStore.FILE) {
            try {
                Files.createDirectories(cdc.offsets().file().toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the directory of the offset file "
                        + cdc.offsets().file() + ": " + e.getMessage(), e);
            }
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cdc.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(cdc.kafka().publishTimeoutMs(), 30_000));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "catalog-cdc");
        config.putAll(cdc.kafka().producer());
        return config;
    }

    @Override
    public synchronized void stop() {
        try {
            if (engine != null) {
                engine.close();
            }
            if (executor != null) {
                executor.shutdown();
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    log.warn("the Debezium engine did not stop within 30 s");
                }
            }
        } catch (IOException e) {
            log.warn("closing the Debezium engine failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(10));
            }
            engine = null;
            executor = null;
            producer = null;
            state.stopped();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return engine != null;
    }
}
