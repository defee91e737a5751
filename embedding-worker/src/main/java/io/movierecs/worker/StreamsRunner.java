package io.movierecs.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.movierecs.events.CatalogTable;
import io.movierecs.worker.topology.Embedder;
import io.movierecs.worker.topology.TopologySettings;
import io.movierecs.worker.topology.WorkerTopology;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs the Kafka Streams topology for the life of the application; start-up waits until it is RUNNING. */
@Component
public class StreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

    private final WorkerProperties worker;
    private final Embedder embedder;
    private final WorkerMetrics metrics;
    private final MeterRegistry registry;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    public StreamsRunner(WorkerProperties worker, Embedder embedder, WorkerMetrics metrics, MeterRegistry registry) {
        this.worker = worker;
        this.embedder = embedder;
        this.metrics = metrics;
        this.registry = registry;
    }

    /** The Kafka Streams state, or null before start. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }

    @Override
    public synchronized void start() {
        Map<CatalogTable, Integer> partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, worker.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            WorkerTopics topics = new WorkerTopics(worker, admin);
            partitions = topics.awaitCatalogTopics(Duration.ofMillis(worker.startTimeoutMs()));
            topics.createOutputTopics();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the catalog topics", e);
        }
        TopologySettings settings = new TopologySettings(worker.topicPrefix(), worker.schema(),
                partitions.get(CatalogTable.PEOPLE), partitions.get(CatalogTable.MOVIES), worker.maxBatch(),
                Duration.ofMillis(worker.flushIntervalMs()), Duration.ofMillis(worker.maxWaitMs()),
                Duration.ofMillis(worker.snapshotSettleMs()));
        StreamsBuilder builder = WorkerTopology.build(new StreamsBuilder(), settings, embedder, metrics);
        streams = new KafkaStreams(builder.build(), config());
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(error -> {
            log.error("stream thread failed; replacing it (its tasks resume from the last commit)", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.start();
        awaitRunning(running);
    }

    private void awaitRunning(CountDownLatch running) {
        try {
            if (!running.await(worker.startTimeoutMs(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Kafka Streams not RUNNING after " + worker.startTimeoutMs()
                        + " ms (state " + streams.state() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka Streams", e);
        }
        if (streams.state() == KafkaStreams.State.ERROR) {
            throw new IllegalStateException("Kafka Streams failed to start: see the log above");
        }
        log.info("embedding-worker running: {}.{}.* -> movie-vectors with {}", worker.topicPrefix(), worker.schema(),
                embedder.modelId());
    }

    private Properties config() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, worker.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, worker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, worker.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, worker.commitIntervalMs());
        props.put(StreamsConfig.POLL_MS_CONFIG, 5L);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, worker.streamThreads());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) worker.replicationFactor());
        props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(worker.streams());
        return props;
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            if (streamsMetrics != null) {
                streamsMetrics.close();
            }
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }
}
