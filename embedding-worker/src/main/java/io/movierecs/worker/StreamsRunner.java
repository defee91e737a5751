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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Runs the Kafka Streams topology for the life of the application. Start-up happens in the background: until
 * the broker answers and the catalog topics exist it retries with capped backoff (1 s doubling to 30 s, a WARN
 * per attempt) while readiness is OUT_OF_SERVICE; the process never exits for it. Catalog topics with wrapped
 * Kafka Connect keys stop start-up for good ({@link CatalogKeyCheck}): logged at ERROR, liveness fails.
 */
@Component
public class StreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

    private final WorkerProperties worker;
    private final Embedder embedder;
    private final WorkerMetrics metrics;
    private final MeterRegistry registry;
    private final PipelineProgress progress;
    private final ThreadReplacements replacements;
    private volatile KafkaStreams streams;
    private volatile Thread starter;
    private volatile String status = "not started";
    private volatile String startFailure;
    private volatile boolean stopping;
    private KafkaStreamsMetrics streamsMetrics;

    public StreamsRunner(WorkerProperties worker, Embedder embedder, WorkerMetrics metrics, MeterRegistry registry,
            PipelineProgress progress) {
        this.worker = worker;
        this.embedder = embedder;
        this.metrics = metrics;
        this.registry = registry;
        this.progress = progress;
        this.replacements = new ThreadReplacements(worker.maxThreadReplacements(), progress);
    }

    /** Kafka Streams, or null while start-up is still waiting for Kafka. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The Kafka Streams state, or null before start. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }

    /** What start-up is doing or waiting for. */
    public String status() {
        return status;
    }

    /**
     * Why the worker cannot run until it is restarted (wrapped keys, stream threads that kept dying, a start-up
     * thread that ended), or null.
     */
    public String failure() {
        if (startFailure != null) {
            return startFailure;
        }
        if (replacements.gaveUp() != null) {
            return replacements.gaveUp();
        }
        Thread thread = starter;
        if (!stopping && streams == null && thread != null && !thread.isAlive()) {
            return "start-up ended without starting Kafka Streams: see the log";
        }
        return null;
    }

    public boolean isStopping() {
        return stopping;
    }

    @Override
    public synchronized void start() {
        stopping = false;
        starter = new Thread(this::startInBackground, "embedding-worker-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startInBackground() {
        BackOffExecution backOff = backOff().start();
        for (int attempt = 1; !stopping; attempt++) {
            try {
                launch(prepare());
                return;
            } catch (CatalogKeyCheck.WrappedKeys e) {
                startFailure = "catalog topics carry wrapped keys: " + e.getMessage();
                status = startFailure;
                log.error("embedding-worker cannot start: {}", startFailure);
                return;
            } catch (RuntimeException e) {
                long wait = backOff.nextBackOff();
                status = "waiting for Kafka (start-up attempt " + attempt + "): " + e.getMessage();
                log.warn("start-up attempt {} failed, next in {} ms: {}", attempt, wait, e.getMessage());
                if (!sleep(wait)) {
                    return;
                }
            }
        }
    }

    static ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Checks the catalog topics and their keys, creates the output topics; partition counts of the catalog. */
    private Map<CatalogTable, Integer> prepare() {
        status = "checking the catalog topics at " + worker.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, worker.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            WorkerTopics topics = new WorkerTopics(worker, admin);
            Map<CatalogTable, Integer> partitions = topics.catalogPartitions();
            CatalogKeyCheck.check(worker.bootstrapServers(), topics.catalogTopicPartitions(partitions));
            topics.createOutputTopics();
            return partitions;
        }
    }

    private synchronized void launch(Map<CatalogTable, Integer> partitions) {
        if (stopping) {
            return;
        }
        TopologySettings settings = new TopologySettings(worker.topicPrefix(), worker.schema(),
                partitions.get(CatalogTable.PEOPLE), partitions.get(CatalogTable.MOVIES), worker.maxBatch(),
                Duration.ofMillis(worker.flushIntervalMs()), Duration.ofMillis(worker.maxWaitMs()),
                Duration.ofMillis(worker.snapshotSettleMs()), new TopologySettings.Retry(
                        Duration.ofMillis(worker.retryInitialMs()), Duration.ofMillis(worker.retryMaxMs()),
                        worker.rejectAfter()));
        StreamsBuilder builder = WorkerTopology.build(new StreamsBuilder(), settings, embedder, metrics);
        KafkaStreams created = new KafkaStreams(builder.build(), config());
        created.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                progress.started();
            }
        });
        created.setUncaughtExceptionHandler(replacements);
        streamsMetrics = new KafkaStreamsMetrics(created);
        streamsMetrics.bindTo(registry);
        created.start();
        streams = created;
        status = "Kafka Streams started";
        log.info("embedding-worker started: {}.{}.* -> movie-vectors with {}", worker.topicPrefix(), worker.schema(),
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
        // a worker killed without leaving the group keeps its tasks until its session expires: 10 s, not the
        // default 45 s, bounds how long its partitions wait before a survivor (or its replacement) takes them
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        props.putAll(worker.streams());
        return props;
    }

    @Override
    public void stop() {
        stopping = true;
        Thread thread = starter;
        if (thread != null) {
            thread.interrupt();
        }
        closeStreams();
    }

    private synchronized void closeStreams() {
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
        return starter != null && !stopping;
    }
}
