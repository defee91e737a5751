package io.movierecs.launcher.dlq;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The newest offset of every key in source partitions, read once per partition up to its end at the time of
 * reading: a dead letter is superseded when its key has a record after its {@code dlq.source.offset}.
 */
final class LatestOffsets {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private final Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Map<ByteBuffer, Long>> partitions = new HashMap<>();

    /** {@code consumer}: a read_committed consumer without a group, used only here. */
    LatestOffsets(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Whether a record with {@code key} exists in {@code partition} after {@code offset}. */
    boolean supersedes(TopicPartition partition, byte[] key, long offset) {
        Long newest = partitions.computeIfAbsent(partition, this::read).get(wrap(key));
        return newest != null && newest > offset;
    }

    /** Remembers a record this replay produced itself (so a second dead letter of that key compares with it). */
    void produced(TopicPartition partition, byte[] key, long offset) {
        partitions.computeIfAbsent(partition, this::read).merge(wrap(key), offset, Math::max);
    }

    private Map<ByteBuffer, Long> read(TopicPartition partition) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        Map<ByteBuffer, Long> newest = new HashMap<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + partition + " to offset " + end + " within "
                        + READ_TIMEOUT.toMinutes() + " min");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                newest.put(wrap(record.key()), record.offset());
            }
        }
        return newest;
    }

    private static ByteBuffer wrap(byte[] key) {
        return key == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(key);
    }
}
