package io.movierecs.worker.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The headers a dead letter carries: why it failed and where it came from. {@code dlq.source.*} name the record
 * that a replay ({@code ./movie-recs dlq replay}) supersedes-checks against; a dead letter whose source record is
 * unknown carries {@code dlq.replayable=false}.
 */
final class DeadLetters {

    static final String ERROR = "dlq.error";
    static final String ERROR_CLASS = "dlq.error.class";
    static final String TOPIC = "dlq.source.topic";
    static final String PARTITION = "dlq.source.partition";
    static final String OFFSET = "dlq.source.offset";
    static final String REPLAYABLE = "dlq.replayable";

    private DeadLetters() {
    }

    /** Headers for the record being processed now (its own topic, partition and offset). */
    static Headers headers(Headers original, ProcessorContext<?, ?> context, Throwable error) {
        RecordHeaders headers = error(new RecordHeaders(original.toArray()), error);
        context.recordMetadata().filter(metadata -> metadata.topic() != null)
                .ifPresent(metadata -> source(headers, metadata));
        return headers;
    }

    /** Headers for a record of {@code topic} at a known partition and offset (negative offset: unknown). */
    static Headers headers(Throwable error, String topic, int partition, long offset) {
        RecordHeaders headers = error(new RecordHeaders(), error);
        add(headers, TOPIC, topic);
        if (offset < 0) {
            add(headers, REPLAYABLE, "false");
            return headers;
        }
        add(headers, PARTITION, Integer.toString(partition));
        add(headers, OFFSET, Long.toString(offset));
        return headers;
    }

    private static RecordHeaders error(RecordHeaders headers, Throwable error) {
        add(headers, ERROR, error.getMessage() == null ? error.toString() : error.getMessage());
        add(headers, ERROR_CLASS, error.getClass().getName());
        return headers;
    }

    private static void source(RecordHeaders headers, RecordMetadata metadata) {
        add(headers, TOPIC, metadata.topic());
        add(headers, PARTITION, Integer.toString(metadata.partition()));
        add(headers, OFFSET, Long.toString(metadata.offset()));
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
