package io.movierecs.index.ingest;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.live.ApplyResult;
import io.movierecs.index.live.Change;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.live.Retrainer;
import io.movierecs.index.metrics.IndexMetrics;
import io.movierecs.index.snapshot.SnapshotManifest;
import io.movierecs.index.snapshot.SnapshotRestorer;
import io.movierecs.index.snapshot.Snapshotter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The ingest thread: restore the newest snapshot, read every partition from its offsets (or the beginning),
 * apply batches, and once the end of the topic as it was at start-up is reached, report caught up
 * ({@link #caughtUp()}; readiness waits for it). Snapshots and retraining are triggered between batches. On a
 * clean stop a last snapshot is written; a kill leaves the previous one, and the replay from its offsets
 * repeats changes idempotently.
 */
public class IngestService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);

    /** Where the ingest thread is. */
    public enum Phase { NEW, RESTORING, WAITING_FOR_TOPIC, CATCHING_UP, LIVE, STOPPED, FAILED }

    private final IndexProperties properties;
    private final LiveIndex live;
    private final Snapshotter snapshotter;
    private final SnapshotRestorer restorer;
    private final Retrainer retrainer;
    private final IndexMetrics metrics;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile Phase phase = Phase.NEW;
    private volatile String failure;
    private volatile boolean stopping;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

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
        thread = new Thread(this::run, "index-ingest");
        thread.start();
    }

    private void run() {
        boolean clean = false;
        Partitions partitions = null;
        try (DeadLetterPublisher deadLetters = new DeadLetterPublisher(properties.kafka().bootstrapServers(),
                properties.kafka().topic() + ".dlq", properties.kafka().producer())) {
            phase = Phase.RESTORING;
            Map<Integer, Long> offsets = restorer.restore(live, snapshotter).map(SnapshotManifest::offsets)
                    .orElse(Map.of());
            if (properties.kafka().createDeadLetterTopic()) {
                KafkaSetup.createTopicIfMissing(properties.kafka(), properties.kafka().topic() + ".dlq");
            }
            consumer = new KafkaConsumer<>(KafkaSetup.consumerConfig(properties.kafka()));
            partitions = new Partitions(consumer, properties.kafka().topic());
            assignWhenPresent(partitions, offsets);
            partitions.markTarget();
            phase = Phase.CATCHING_UP;
            log.info("catching up on {} from {} to {}", properties.kafka().topic(), partitions.positions(),
                    consumer.endOffsets(partitions.assigned()));
            loop(partitions, new RecordDecoder(properties.dimension()), deadLetters, offsets);
            clean = true;
        } catch (WakeupException | InterruptedException e) {
            clean = stopping;
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
        } finally {
            finish(clean, partitions);
        }
    }

    private void assignWhenPresent(Partitions partitions, Map<Integer, Long> offsets) throws InterruptedException {
        phase = Phase.WAITING_FOR_TOPIC;
        Set<TopicPartition> found = partitions.discover(Duration.ofSeconds(5));
        while (found.isEmpty() && !stopping) {
            log.warn("topic {} not found at {}; waiting for it", properties.kafka().topic(),
                    properties.kafka().bootstrapServers());
            Thread.sleep(1000);
            found = partitions.discover(Duration.ofSeconds(5));
        }
        partitions.assign(found, offsets);
    }

    private void loop(Partitions partitions, RecordDecoder decoder, DeadLetterPublisher deadLetters,
            Map<Integer, Long> offsets) {
        Duration pollTimeout = Duration.ofMillis(properties.kafka().pollTimeoutMs());
        long nextRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
        while (!stopping) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
            List<Change> changes = new ArrayList<>(records.count());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                try {
                    changes.add(decoder.decode(record));
                } catch (PoisonRecordException e) {
                    log.warn("dead letter {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                            e.getMessage());
                    metrics.deadLetter();
                    deadLetters.send(record, e);
                }
            }
            if (!changes.isEmpty()) {
                ApplyResult result = live.apply(changes);
                metrics.applied(result, caughtUp.isDone());
                snapshotter.changesApplied(result.changed());
            }
            metrics.lag(partitions.lag());
            if (!caughtUp.isDone() && partitions.reachedTarget()) {
                phase = Phase.LIVE;
                log.info("caught up: {} movies in {}, generation {}", live.store().size(),
                        live.info().layout().factory(), live.generation());
                caughtUp.complete(null);
            }
            snapshotter.takeIfDue(partitions::positions);
            if (caughtUp.isDone()) {
                retrainer.maybeStart();
            }
            if (System.nanoTime() > nextRefresh) {
                nextRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
                Set<TopicPartition> fresh = partitions.assign(partitions.discover(Duration.ofSeconds(5)), offsets);
                if (!fresh.isEmpty()) {
                    log.info("new partitions {}: reading them from the beginning", fresh);
                }
            }
        }
    }

    private void finish(boolean clean, Partitions partitions) {
        try {
            if (clean && partitions != null && properties.snapshot().onShutdown() && snapshotter.hasChanges()) {
                snapshotter.take(partitions.positions()).join();
            }
        } catch (RuntimeException e) {
            log.error("the shutdown snapshot failed", e);
        } finally {
            snapshotter.failPending("index-service is stopping");
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
            if (phase != Phase.FAILED) {
                phase = Phase.STOPPED;
            }
            caughtUp.completeExceptionally(new IllegalStateException("ingest stopped before catching up"));
        }
    }

    private void fail(Throwable e) {
        log.error("ingest failed; the index stops updating", e);
        failure = e.toString();
        phase = Phase.FAILED;
        caughtUp.completeExceptionally(e);
    }

    @Override
    public void stop() {
        Thread running;
        synchronized (this) {
            running = thread;
            stopping = true;
        }
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (running != null) {
            try {
                running.join(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        retrainer.close();
        snapshotter.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Completes once the topic's end as of start-up has been applied; fails if ingest fails first. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    public Phase phase() {
        return phase;
    }

    public String failure() {
        return failure;
    }
}
