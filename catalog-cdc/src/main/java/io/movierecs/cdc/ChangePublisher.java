package io.movierecs.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Publishes each batch of change events to Kafka and marks a record processed only once Kafka acknowledged it,
 * so a source offset is never committed ahead of the data (debezium-server's KafkaChangeConsumer does the
 * same). When Kafka does not acknowledge within {@code kafka.publish-timeout-ms} (broker down, frozen or
 * unreachable), the producer is thrown away and the records not yet acknowledged are sent again with a fresh one
 * after a capped exponential backoff, forever: capture pauses and resumes by itself, at least once. A change too
 * large for Kafka goes to the dead-letter topic ({@link DeadLetters}) and capture goes on.
 */
final class ChangePublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);

    private final Supplier<Producer<String, String>> producers;
    private final TopicRouter router;
    private final CdcMetrics metrics;
    private final ProgressTracker progress;
    private final DeadLetters deadLetters;
    private final CdcProperties cdc;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Producer<String, String> producer;
    private volatile long busySinceMs;

    ChangePublisher(Supplier<Producer<String, String>> producers, TopicRouter router, CdcMetrics metrics,
            ProgressTracker progress, CdcProperties cdc) {
        this.producers = producers;
        this.router = router;
        this.metrics = metrics;
        this.progress = progress;
        this.cdc = cdc;
        this.deadLetters = new DeadLetters(metrics, cdc.kafka().publishTimeoutMs());
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records,
            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        busySinceMs = System.currentTimeMillis();
        try {
            BackOffExecution backoff = null;
            int attempt = 0;
            int next = 0;
            while ((next = publishFrom(records, next, committer)) < records.size()) {
                attempt++;
                backoff = backoff == null ? backOff().start() : backoff;
                pause(attempt, records.size() - next, backoff.nextBackOff());
            }
            committer.markBatchFinished();
        } finally {
            busySinceMs = 0;
        }
    }

    /** Sends {@code records} from {@code from} on; returns the index of the first one not acknowledged. */
    private int publishFrom(List<ChangeEvent<String, String>> records, int from,
            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        Producer<String, String> current = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size() - from);
        for (int i = from; i < records.size(); i++) {
            Future<RecordMetadata> future = send(current, records.get(i));
            sent.add(future);
            if (future.isDone() && failure(future) != null && !(failure(future) instanceof RecordTooLargeException)) {
                break; // Kafka is not there (e.g. no metadata): the rest would only wait as long again
            }
        }
        for (int i = 0; i < sent.size(); i++) {
            ChangeEvent<String, String> record = records.get(from + i);
            Throwable error = await(sent.get(i));
            if (error instanceof RecordTooLargeException && deadLetters.send(current, topicOf(record), record, error)) {
                error = null;
            }
            if (error != null) {
                failed(record, error);
                return from + i;
            }
            committer.markProcessed(record);
            metrics.published(record);
            progress.progressed();
        }
        return from + sent.size();
    }

    private Future<RecordMetadata> send(Producer<String, String> current, ChangeEvent<String, String> record) {
        try {
            return current.send(new ProducerRecord<>(topicOf(record), record.key(), record.value()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Throwable await(Future<RecordMetadata> future) throws InterruptedException {
        try {
            future.get(cdc.kafka().publishTimeoutMs(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return new TimeoutException("no acknowledgement within " + cdc.kafka().publishTimeoutMs() + " ms");
        }
    }

    private static Throwable failure(Future<RecordMetadata> future) {
        try {
            future.get(0, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            return null;
        }
    }

    private void failed(ChangeEvent<String, String> record, Throwable error) {
        metrics.failed();
        String why = "Kafka did not acknowledge the change of " + record.destination() + " key " + record.key()
                + ": " + error;
        progress.waiting("Kafka unreachable: " + error);
        if (closed.getCount() > 0) {
            log.warn(why);
        }
        resetProducer();
    }

    private void pause(int attempt, int outstanding, long waitMs) throws InterruptedException {
        log.warn("publishing {} change(s) again in {} ms, attempt {}", outstanding, waitMs, attempt + 1);
        if (closed.await(waitMs, TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("catalog-cdc is stopping; " + outstanding + " change(s) not acknowledged"
                    + " will be read again at the next start");
        }
    }

    private ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(cdc.retry().initialMs(), 2.0);
        backOff.setMaxInterval(cdc.retry().maxMs());
        return backOff;
    }

    private String topicOf(ChangeEvent<String, String> record) {
        return router.topicFor(record.destination());
    }

    private synchronized Producer<String, String> producer() throws InterruptedException {
        if (closed.getCount() == 0) {
            throw new InterruptedException("catalog-cdc is stopping");
        }
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    private synchronized void resetProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Since when a batch waits for Kafka, or 0 when none does. */
    long busySinceMs() {
        return busySinceMs;
    }

    /** Stops retrying (a waiting batch ends at once, unacknowledged) and closes the producer. */
    void close() {
        closed.countDown();
        Producer<String, String> current;
        synchronized (this) {
            current = producer;
            producer = null;
        }
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
