package io.movierecs.index.ingest;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.live.Retrainer;
import io.movierecs.index.metrics.IndexMetrics;
import io.movierecs.index.snapshot.SnapshotRestorer;
import io.movierecs.index.snapshot.Snapshotter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Ingest: a start-up thread reads the topic's tombstone retention, restores the newest snapshot young enough,
 * then starts a spring-kafka listener container that reads every partition of the topic (subscribed with a
 * consumer group of its own, so it sees new partitions; no offsets are committed, the snapshot holds them).
 * Failures that are not the record's fault are retried forever with capped exponential backoff by the
 * container's error handler; a broker outage of any length only pauses it. A probe asks Kafka for the end
 * offsets every few seconds: progress while idle, lag, and the catch-up target. On a clean stop the
 * container stops and a last snapshot is written.
 */
public class IngestService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    /** Where ingest is. */
    public enum Phase { NEW, RESTORING, WAITING_FOR_TOPIC, CATCHING_UP, LIVE, STOPPED, FAILED }

    private final IndexProperties properties;
    private final LiveIndex live;
    private final Snapshotter snapshotter;
    private final SnapshotRestorer restorer;
    private final Retrainer retrainer;
    private final IndexMetrics metrics;
    private final Progress progress = new Progress();
    private final long startedAtNanos = System.nanoTime();
    private volatile Phase phase = Phase.NEW;
    private volatile String failure;
    private volatile boolean stopping;
    private volatile KafkaMessageListenerContainer<byte[], byte[]> container;
    private Thread starter;
    private Admin admin;
    private ScheduledExecutorService probe;
    private DeadLetterPublisher deadLetters;

    public IngestService(IndexProperties properties, LiveIndex live, Snapshotter snapshotter,
            SnapshotRestorer restorer, Retrainer retrainer, IndexMetrics metrics) {
        this.properties = properties;
        this.live = live;
        this.snapshotter = snapshotter;
        this.restorer = restorer;
        this.retrainer = retrainer;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        stopping = false;
        admin = Admin.create(KafkaSetup.adminConfig(properties.kafka()));
        starter = new Thread(this::restoreThenConsume, "index-start");
        starter.start();
    }

    private void restoreThenConsume() {
        try {
            phase = Phase.RESTORING;
            progress.waiting("restoring");
            String topic = properties.kafka().topic();
            long retention = RetentionReader.deleteRetentionMs(admin, topic, progress);
            long maxAge = retention - properties.snapshot().retentionMarginMs();
            log.info("{} keeps tombstones {} ms: snapshots older than {} ms are not restored", topic, retention,
                    maxAge);
            restorer.restore(live, snapshotter, maxAge);
            if (properties.kafka().createDeadLetterTopic()) {
                KafkaSetup.createTopicIfMissing(properties.kafka(), topic + ".dlq");
            }
            startContainer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            fail("restoring the index failed", e);
        }
    }

    private synchronized void startContainer() {
        if (stopping) {
            return;
        }
        deadLetters = new DeadLetterPublisher(properties.kafka().bootstrapServers(),
                properties.kafka().topic() + ".dlq", properties.kafka().producer());
        VectorListener listener = new VectorListener(live, new RecordDecoder(properties.dimension()), deadLetters,
                snapshotter, retrainer, metrics, progress, this);
        ContainerProperties container = new ContainerProperties(properties.kafka().topic());
        container.setGroupId("index-service-" + UUID.randomUUID());
        container.setMessageListener(listener);
        container.setAckMode(ContainerProperties.AckMode.MANUAL); // never acknowledged: nothing is committed
        container.setPollTimeout(properties.kafka().pollTimeoutMs());
        container.setIdleEventInterval(1000L);
        container.setIdleBeforeDataMultiplier(1.0);
        container.setAuthExceptionRetryInterval(Duration.ofSeconds(10));
        this.container = new KafkaMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(KafkaSetup.consumerConfig(properties.kafka())), container);
        this.container.setCommonErrorHandler(errorHandler());
        this.container.setApplicationEventPublisher(this::onContainerEvent);
        this.container.setBeanName("index-ingest");
        phase = Phase.CATCHING_UP;
        this.container.start();
        probe = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "index-progress-probe"));
        long interval = properties.health().probeIntervalMs();
        probe.scheduleWithFixedDelay(new ProgressProbe(admin, properties.kafka().topic(), Math.max(1000, interval),
                live, progress, metrics, this), 0, interval, TimeUnit.MILLISECONDS);
    }

    /** Retries forever, 1 s doubling to 30 s; each failed attempt logged at WARN with its number. */
    private DefaultErrorHandler errorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, Exception ex,
                    int attempt) {
                failedBatch(ex, attempt);
            }

            @Override
            public void failedDelivery(org.apache.kafka.clients.consumer.ConsumerRecords<?, ?> records,
                    Exception ex, int attempt) {
                failedBatch(ex, attempt);
            }
        });
        return handler;
    }

    private void failedBatch(Exception e, int attempt) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        progress.waiting("a batch keeps failing: " + cause);
        log.warn("applying a batch failed (attempt {}); retrying with backoff: {}", attempt, cause.toString());
    }

    private void onContainerEvent(Object event) {
        if (event instanceof ConsumerStoppedEvent stopped && !stopping
                && stopped.getReason() != ConsumerStoppedEvent.Reason.NORMAL) {
            fail("the Kafka consumer stopped (" + stopped.getReason() + ")", null);
        }
    }

    /** Marks the catch-up complete once the applied offsets reach the target. */
    void checkCaughtUp() {
        if (progress.reached(live.offsets())) {
            phase = Phase.LIVE;
            log.info("caught up after {} ms: {} movies in {}, generation {}, offsets {}",
                    (System.nanoTime() - startedAtNanos) / 1_000_000, live.store().size(),
                    live.info().layout().factory(), live.generation(), live.offsets());
        } else if (!progress.caughtUp() && phase == Phase.WAITING_FOR_TOPIC) {
            phase = Phase.CATCHING_UP;
        }
    }

    void waitingForTopic() {
        if (!progress.caughtUp()) {
            phase = Phase.WAITING_FOR_TOPIC;
        }
    }

    private void fail(String what, Throwable e) {
        log.error("{}; the index stops updating (liveness DOWN)", what, e);
        failure = what + (e == null ? "" : ": " + e);
        phase = Phase.FAILED;
    }

    @Override
    public void stop() {
        Thread restoring;
        synchronized (this) {
            stopping = true;
            restoring = starter;
        }
        if (restoring != null) {
            restoring.interrupt();
            join(restoring);
        }
        if (probe != null) {
            probe.shutdownNow();
        }
        KafkaMessageListenerContainer<byte[], byte[]> running = container;
        if (running != null) {
            running.stop();
            lastSnapshot();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        snapshotter.failPending("index-service is stopping");
        if (phase != Phase.FAILED) {
            phase = Phase.STOPPED;
        }
        retrainer.close();
        snapshotter.close();
    }

    private void lastSnapshot() {
        try {
            if (properties.snapshot().onShutdown() && snapshotter.hasChanges()) {
                snapshotter.take(live.offsets()).join();
            }
        } catch (RuntimeException e) {
            log.error("the shutdown snapshot failed", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofMinutes(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return starter != null && !stopping;
    }

    /** False once ingest can no longer run without a restart (restore failed, consumer stopped for good). */
    public boolean alive() {
        KafkaMessageListenerContainer<byte[], byte[]> running = container;
        return phase != Phase.FAILED && (running == null || running.isInExpectedState());
    }

    public Progress progress() {
        return progress;
    }

    public Phase phase() {
        return phase;
    }

    public String failure() {
        return failure;
    }
}
