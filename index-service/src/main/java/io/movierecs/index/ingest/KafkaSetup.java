package io.movierecs.index.ingest;

import io.movierecs.index.IndexProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Consumer settings and the dead-letter topic. */
final class KafkaSetup {

    private static final Logger log = LoggerFactory.getLogger(KafkaSetup.class);

    private KafkaSetup() {
    }

    /**
     * A consumer group of one per replica (the container sets a unique group id) that never commits (the snapshot
     * holds the offsets), read_committed since the embedding worker writes transactionally, metadata refreshed
     * every 10 s so new partitions are seen soon, cooperative rebalancing; extra settings win.
     */
    static Map<String, Object> consumerConfig(IndexProperties.Kafka kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, kafka.maxPollRecords());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "index-service");
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putAll(kafka.consumer());
        return config;
    }

    /** Admin settings: the bootstrap servers and the consumer's security settings, short timeouts. */
    static Map<String, Object> adminConfig(IndexProperties.Kafka kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "index-service-admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        kafka.consumer().forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        return config;
    }

    /** Creates a topic with the broker's default partitions and replication unless it exists. */
    static void createTopicIfMissing(IndexProperties.Kafka kafka, String topic) {
        try (Admin admin = Admin.create(adminConfig(kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
            log.info("created the dead-letter topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warn("could not create the dead-letter topic {}: {}", topic, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            log.warn("creating the dead-letter topic {} timed out", topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
