package io.movierecs.launcher.dlq;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * A dead letter as the replay reads it: the original key and value and where the original record was.
 *
 * @param key the original key (may be null)
 * @param value the original value (null for a tombstone)
 * @param source the source topic and partition ({@code dlq.source.topic}, {@code dlq.source.partition})
 * @param sourceOffset {@code dlq.source.offset}
 * @param replayable false when {@code dlq.replayable=false} (e.g. a truncated value)
 * @param error {@code dlq.error}, for the progress lines
 */
record DeadLetter(byte[] key, byte[] value, TopicPartition source, long sourceOffset, boolean replayable,
        String error) {

    static final String SOURCE_TOPIC = "dlq.source.topic";
    static final String SOURCE_PARTITION = "dlq.source.partition";
    static final String SOURCE_OFFSET = "dlq.source.offset";
    static final String REPLAYABLE = "dlq.replayable";
    static final String ERROR = "dlq.error";

    /** Reads a dead letter; fails with a clear message when a {@code dlq.source.*} header is missing. */
    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        String topic = header(record, SOURCE_TOPIC);
        String partition = header(record, SOURCE_PARTITION);
        String offset = header(record, SOURCE_OFFSET);
        if (topic == null || partition == null || offset == null) {
            throw new IllegalArgumentException("dead letter " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " lacks a " + SOURCE_TOPIC + ", " + SOURCE_PARTITION + " or " + SOURCE_OFFSET
                    + " header");
        }
        return new DeadLetter(record.key(), record.value(),
                new TopicPartition(topic.strip(), Integer.parseInt(partition.strip())), Long.parseLong(offset.strip()),
                !"false".equalsIgnoreCase(String.valueOf(header(record, REPLAYABLE)).strip()),
                header(record, ERROR));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
