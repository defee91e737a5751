package io.movierecs.worker.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** The headers a dead letter carries: why it failed and where it came from. */
final class DeadLetters {

    static final String ERROR = "dlq.error";
    static final String ERROR_CLASS = "dlq.error.class";
    static final String TOPIC = "dlq.source.topic";
    static final String PARTITION = "dlq.source.partition";
    static final String OFFSET = "dlq.source.offset";

    private DeadLetters() {
    }

    static Headers headers(Headers original, ProcessorContext<?, ?> context, Exception error) {
        RecordHeaders headers = new RecordHeaders(original.toArray());
        add(headers, ERROR, error.getMessage() == null ? error.toString() : error.getMessage());
        add(headers, ERROR_CLASS, error.getClass().getName());
        context.recordMetadata().filter(metadata -> metadata.topic() != null)
                .ifPresent(metadata -> source(headers, metadata));
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
