package io.movierecs.launcher.chaos;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the committed records past a reader's offsets: what a consumer (the worker's group, an index-service
 * replica) still has to process. Reads them, read_committed, because offsets and end offsets cannot be compared
 * directly: transaction markers take offsets too, and a reader that is done may stop before the last marker.
 */
final class Backlog implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;

    Backlog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Records after {@code offsets} (next offset to read, per partition); -1 when they cannot be read in time. */
    long after(Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return 0;
        }
        consumer.assign(offsets.keySet());
        offsets.forEach(consumer::seek);
        Map<TopicPartition, Long> ends = consumer.endOffsets(offsets.keySet(), READ_TIMEOUT);
        long count = 0;
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), READ_TIMEOUT) < end.getValue())) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            count += consumer.poll(Duration.ofMillis(200)).count();
        }
        return count;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
