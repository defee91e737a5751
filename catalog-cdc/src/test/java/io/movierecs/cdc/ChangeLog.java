package io.movierecs.cdc;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the change topics from the beginning and keeps every record seen, for assertions. */
final class ChangeLog implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One change record: its topic, key, parsed value (null for a tombstone). */
    record Change(String topic, int partition, long offset, JsonNode key, JsonNode value) {
        String op() {
            return value == null ? "tombstone" : value.path("op").asString();
        }

        boolean isTable(String table) {
            return topic.endsWith("." + table);
        }

        JsonNode after() {
            return value.path("after");
        }

        JsonNode before() {
            return value.path("before");
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Change> changes = new ArrayList<>();

    ChangeLog(String bootstrapServers, Collection<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "change-log-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(topics);
    }

    /** Polls until the changes seen since {@code from} hold {@code count} matching the predicate. */
    List<Change> awaitChanges(int from, Predicate<Change> predicate, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
            poll();
            return since(from).stream().filter(predicate).count() >= count;
        });
        return since(from).stream().filter(predicate).toList();
    }

    /**
     * Polls until every one of {@code titles} has been seen on the movies topic since {@code from}, once or more:
     * delivery is at least once, so a record the broker stored before a fault may arrive twice.
     */
    List<Change> awaitTitles(int from, Collection<String> titles) {
        Predicate<Change> named = c -> c.isTable("movies") && c.value() != null
                && titles.contains(c.after().path("title").asString());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
            poll();
            return since(from).stream().filter(named).map(c -> c.after().path("title").asString()).distinct()
                    .count() == titles.size();
        });
        return since(from).stream().filter(named).toList();
    }

    /** Polls until the consumer has read everything written to its topics so far. */
    void drain() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
            poll();
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            return !ends.isEmpty() && ends.entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
            changes.add(new Change(record.topic(), record.partition(), record.offset(),
                    JSON.readTree(record.key()), record.value() == null ? null : JSON.readTree(record.value())));
        }
    }

    int size() {
        return changes.size();
    }

    List<Change> since(int from) {
        return List.copyOf(changes.subList(from, changes.size()));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
