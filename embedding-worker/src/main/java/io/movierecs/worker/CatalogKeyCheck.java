package io.movierecs.worker;

import io.movierecs.worker.change.Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Before start: peeks at the newest records of every catalog topic partition and refuses keys wrapped by Kafka
 * Connect's JsonConverter with key schemas ({@code {"schema":..,"payload":{"movie_id":1}}}). The worker routes
 * credits and renames to movies under compact keys ({@link Keys}); wrapped keys hash to other partitions, so
 * those changes would silently never meet their movie. Unwrapping is not enough: the connector already chose the
 * partition from the wrapped bytes, so keeping co-partitioning would need one more repartition hop (and one more
 * exactly-once commit of latency) for every movie and person change.
 */
final class CatalogKeyCheck {

    /** The catalog topics carry wrapped keys: a configuration error that a restart does not fix. */
    static final class WrappedKeys extends RuntimeException {
        WrappedKeys(String message) {
            super(message);
        }
    }

    private static final int NEWEST = 5;
    private static final Duration PEEK = Duration.ofSeconds(10);

    private CatalogKeyCheck() {
    }

    /** Throws {@link WrappedKeys} naming the partition when a newest record there has a wrapped key. */
    static void check(String bootstrapServers, Collection<TopicPartition> partitions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            List<TopicPartition> waiting = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                long end = ends.get(partition);
                long begin = begins.get(partition);
                if (end > begin) {
                    consumer.seek(partition, Math.max(begin, end - NEWEST));
                    waiting.add(partition);
                } else {
                    consumer.pause(List.of(partition));
                }
            }
            peek(consumer, waiting, ends);
        }
    }

    private static void peek(KafkaConsumer<String, String> consumer, List<TopicPartition> waiting,
            Map<TopicPartition, Long> ends) {
        long deadline = System.nanoTime() + PEEK.toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (Keys.isWrapped(record.key())) {
                    throw new WrappedKeys(record.topic() + "-" + record.partition() + " at offset " + record.offset()
                            + ": " + Keys.WRAPPED_KEY_ERROR);
                }
            }
            waiting.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
        }
    }
}
