package io.movierecs.worker.topology;

import io.movierecs.worker.WorkerMetrics;
import io.movierecs.worker.change.CatalogChange;
import io.movierecs.worker.change.ChangeEnvelope;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that made a processor fail is that record's fault unless Kafka failed ({@link KafkaException}: a
 * fenced producer, a timeout, a state store that could not be written; those are rethrown for Kafka Streams to
 * handle, so the uncaught-exception handler sees only them). The record goes to its catalog topic's dead-letter
 * topic, as a Debezium envelope of the change, and processing continues with the next record.
 *
 * <p>Where the record came straight from its catalog topic, the dead letter carries its key, partition and
 * offset and can be replayed. A record routed through a repartition topic (a credit or name on its way to a
 * movie) lost its source offset: its dead letter carries {@code dlq.replayable=false}.
 */
final class RecordFailures {

    private static final Logger log = LoggerFactory.getLogger(RecordFailures.class);

    private RecordFailures() {
    }

    /** The dead letter for {@code record}, or {@code error} rethrown when it is not the record's fault. */
    static DeadLetter deadLetter(ProcessorContext<?, ?> context, Record<String, CatalogChange> record,
            RuntimeException error, TopologySettings settings, WorkerMetrics metrics) {
        if (error instanceof KafkaException) {
            throw error;
        }
        CatalogChange change = record.value();
        String topic = settings.catalogTopic(change.table());
        log.warn("{} change {} failed in {}; sent to {}.dlq", change.table().tableName(), record.key(),
                context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"),
                topic, error);
        metrics.deadLetter(change.table().tableName());
        String key = fromCatalogTopic(context, topic) ? record.key() : ChangeEnvelope.key(change);
        return new DeadLetter(topic + ".dlq", key, ChangeEnvelope.value(change));
    }

    static Headers headers(ProcessorContext<?, ?> context, Record<String, CatalogChange> record, Throwable error,
            TopologySettings settings) {
        String topic = settings.catalogTopic(record.value().table());
        return fromCatalogTopic(context, topic) ? DeadLetters.headers(record.headers(), context, error)
                : DeadLetters.headers(error, topic, 0, -1);
    }

    private static boolean fromCatalogTopic(ProcessorContext<?, ?> context, String topic) {
        return context.recordMetadata().map(metadata -> topic.equals(metadata.topic())).orElse(false);
    }
}
