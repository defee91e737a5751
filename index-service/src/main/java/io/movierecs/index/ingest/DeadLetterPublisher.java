package io.movierecs.index.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends poison records, unchanged, to {@code <topic>.dlq} with headers naming the error and the source
 * position (the pipeline's convention: {@code dlq.error}, {@code dlq.error.class}, {@code dlq.source.topic},
 * {@code dlq.source.partition}, {@code dlq.source.offset}, as text). A failed send throws: the batch is retried
 * with backoff (Kafka is likely unreachable), so no dead letter is lost.
 */
final class DeadLetterPublisher implements AutoCloseable {

    static final String ERROR = "dlq.error";
    static final String ERROR_CLASS = "dlq.error.class";
    static final String TOPIC = "dlq.source.topic";
    static final String PARTITION = "dlq.source.partition";
    static final String OFFSET = "dlq.source.offset";

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    DeadLetterPublisher(String bootstrapServers, String topic, Map<String, String> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "index-service-dlq");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000); // a missing .dlq topic must not stall ingest a minute
        config.putAll(extra);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Sends one dead letter and waits for Kafka (dead letters are rare; order and loss matter more). */
    void send(ConsumerRecord<byte[], byte[]> record, Exception error) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        add(headers, ERROR, error.getMessage() == null ? error.toString() : error.getMessage());
        add(headers, ERROR_CLASS, (error.getCause() == null ? error : error.getCause()).getClass().getName());
        add(headers, TOPIC, record.topic());
        add(headers, PARTITION, Integer.toString(record.partition()));
        add(headers, OFFSET, Long.toString(record.offset()));
        try {
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a dead letter", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not send " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " to " + topic + ": " + e, e);
        }
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
