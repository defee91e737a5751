package io.movierecs.cdc;

import io.debezium.engine.ChangeEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dead letters for changes Kafka refuses as too large ({@code RecordTooLargeException}, the broker's
 * MESSAGE_TOO_LARGE): sent to {@code <change topic>.dlq} with the change's key and a small description instead
 * of the row ({@code op}, the {@code source} position, {@code bytes}), the usual {@code dlq.*} headers and
 * {@code dlq.replayable=false}. The change never reached its topic, so {@code dlq.source.partition} and
 * {@code dlq.source.offset} are -1.
 */
final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String SUFFIX = ".dlq";

    private final CdcMetrics metrics;
    private final long timeoutMs;

    DeadLetters(CdcMetrics metrics, long timeoutMs) {
        this.metrics = metrics;
        this.timeoutMs = timeoutMs;
    }

    /** Sends the dead letter and waits for Kafka; false when Kafka did not take it either. */
    boolean send(Producer<String, String> producer, String topic, ChangeEvent<String, String> record,
            Throwable error) throws InterruptedException {
        ProducerRecord<String, String> letter = new ProducerRecord<>(topic + SUFFIX, record.key(), describe(record));
        headers(letter.headers(), topic, error);
        try {
            producer.send(letter).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("could not send the dead letter for key {} of {}: {}", record.key(), topic, e.toString());
            return false;
        }
        metrics.deadLetter(topic);
        log.error("change of {} key {} is too large for Kafka ({}): sent a dead letter to {}{}", topic,
                record.key(), error.getMessage(), topic, SUFFIX);
        return true;
    }

    static String describe(ChangeEvent<String, String> record) {
        ObjectNode value = JSON.createObjectNode();
        String text = record.value();
        value.put("bytes", text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length);
        try {
            JsonNode change = text == null ? null : JSON.readTree(text);
            if (change != null) {
                value.put("op", change.path("op").asString(""));
                value.set("source", change.path("source"));
            }
        } catch (RuntimeException e) {
            value.put("op", "?");
        }
        return value.toString();
    }

    private static void headers(Headers headers, String topic, Throwable error) {
        add(headers, "dlq.error", String.valueOf(error.getMessage()));
        add(headers, "dlq.error.class", error.getClass().getName());
        add(headers, "dlq.source.topic", topic);
        add(headers, "dlq.source.partition", "-1");
        add(headers, "dlq.source.offset", "-1");
        add(headers, "dlq.replayable", "false");
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
