package io.movierecs.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the Debezium engine for the life of the application. Start-up checks Kafka and the catalog first: what a
 * retry cannot fix (wal_level, missing tables or publication, bad credentials) stops start-up with a clear
 * message; a dependency that does not answer yet is retried in the background by the {@link EngineSupervisor},
 * which also starts a new engine whenever one ends, while readiness reports the wait.
 */
@Component
public class CdcEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CdcEngine.class);

    private final CdcProperties cdc;
    private final CdcMetrics metrics;
    private final ProgressTracker progress;
    private final EngineState state = new EngineState();
    private volatile ChangePublisher publisher;
    private volatile EngineSupervisor supervisor;
    private Thread thread;

    public CdcEngine(CdcProperties cdc, CdcMetrics metrics, ProgressTracker progress) {
        this.cdc = cdc;
        this.metrics = metrics;
        this.progress = progress;
    }

    public EngineState state() {
        return state;
    }

    @Override
    public synchronized void start() {
        try {
            check();
        } catch (Preflight.NotReachable e) {
            progress.waiting(e.getMessage());
            log.warn("{}; catalog-cdc starts anyway and retries in the background (readiness OUT_OF_SERVICE"
                    + " meanwhile)", e.getMessage());
        }
        prepareOffsetFile();
        publisher = new ChangePublisher(this::newProducer, new TopicRouter(cdc.topics().prefix(), cdc.schema()),
                metrics, progress, cdc);
        supervisor = new EngineSupervisor(this::check, this::newEngine, state, progress, cdc.retry());
        thread = new Thread(supervisor, "catalog-cdc-engine");
        thread.start();
        log.info("catalog-cdc streaming {} {} at {}:{} into Kafka {} (topics {}.{}.*)", cdc.connector(),
                cdc.database().name(), cdc.database().host(), DebeziumSettings.port(cdc),
                cdc.kafka().bootstrapServers(), cdc.topics().prefix(), cdc.schema());
    }

    /** The start-up checks, and the topics created when missing. */
    private void check() {
        Admin admin = Admin.create(adminConfig(10_000));
        try {
            Preflight preflight = new Preflight(cdc);
            preflight.checkKafka(admin);
            preflight.checkDatabase();
            if (cdc.topics().create()) {
                new TopicCreator(cdc).createMissing(admin);
            }
        } finally {
            admin.close(Duration.ofSeconds(2)); // not waiting for calls that timed out
        }
    }

    Map<String, Object> adminConfig(int timeoutMs) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cdc.kafka().bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3 * timeoutMs);
    }

    private DebeziumEngine<ChangeEvent<String, String>> newEngine() {
        return DebeziumEngine.create(Json.class)
                .using(DebeziumSettings.of(cdc))
                .notifying(publisher)
                .using(state)
                .using(state::completed)
                .build();
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

    private Producer<String, String> newProducer() {
        Map<String, Object> config = new HashMap<>();
        long timeoutMs = cdc.kafka().publishTimeoutMs();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cdc.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, CdcProperties.Kafka.DEFAULT_MAX_REQUEST_SIZE);
        // one attempt lasts publish-timeout-ms; then ChangePublisher retries with a fresh producer
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(15_000, timeoutMs));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "catalog-cdc");
        config.putAll(cdc.kafka().producer());
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Since when a batch waits for Kafka, or 0 when none does. */
    long publishingSinceMs() {
        ChangePublisher current = publisher;
        return current == null ? 0 : current.busySinceMs();
    }

    /** The supervisor, or null before start. */
    EngineSupervisor supervisor() {
        return supervisor;
    }

    @Override
    public synchronized void stop() {
        if (supervisor == null) {
            return;
        }
        supervisor.stop(publisher::close);
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
            if (thread.isAlive()) {
                log.warn("the Debezium engine did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            supervisor = null;
            thread = null;
            state.stopped();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return supervisor != null;
    }
}
