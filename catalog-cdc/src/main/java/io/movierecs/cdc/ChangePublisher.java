package io.movierecs.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes each batch of change events to Kafka and marks a record processed only once Kafka acknowledged it,
 * so a source offset is never committed ahead of the data (debezium-server's KafkaChangeConsumer does the
 * same). A failed batch stops the engine; nothing after the last acknowledged record is marked.
 */
final class ChangePublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Producer<String, String> producer;
    private final TopicRouter router;
    private final CdcMetrics metrics;
    private final long timeoutMs;

    ChangePublisher(Producer<String, String> producer, TopicRouter router, CdcMetrics metrics, long timeoutMs) {
        this.producer = producer;
        this.router = router;
        this.metrics = metrics;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records,
            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ChangeEvent<String, String> record : records) {
            sent.add(producer.send(new ProducerRecord<>(router.topicFor(record.destination()), record.key(),
                    record.value())));
        }
        for (int i = 0; i < records.size(); i++) {
            awaitAck(sent.get(i), records.get(i));
            committer.markProcessed(records.get(i));
            count(records.get(i));
        }
        committer.markBatchFinished();
    }

    private void awaitAck(Future<RecordMetadata> future, ChangeEvent<String, String> record)
            throws InterruptedException {
        try {
            future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            metrics.failed();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishException("Kafka did not acknowledge the change of " + record.destination()
                    + " key " + record.key() + " within " + timeoutMs + " ms: " + cause, cause);
        }
    }

    private void count(ChangeEvent<String, String> record) {
        String table = record.destination().substring(record.destination().lastIndexOf('.') + 1);
        if (record.value() == null) {
            metrics.published(table, "tombstone", 0);
            return;
        }
        try {
            JsonNode value = JSON.readTree(record.value());
            metrics.published(table, value.path("op").asString("?"), value.path("source").path("ts_ms").asLong(0));
        } catch (RuntimeException e) {
            log.warn("change event of {} is not the JSON envelope expected: {}", record.destination(),
                    e.getMessage());
            metrics.published(table, "?", 0);
        }
    }

    /** Kafka did not take a change; the engine stops rather than skip it. */
    static final class PublishException extends RuntimeException {
        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
