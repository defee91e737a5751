package io.movierecs.worker;

import io.movierecs.events.CatalogTable;
import io.movierecs.events.Topic;
import io.movierecs.events.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's topics before Kafka Streams starts: checks for the catalog topics (catalog-cdc or Kafka Connect
 * creates them) and creates {@code movie-vectors} (compacted: the durable state of the index) and the
 * dead-letter topics when missing.
 */
final class WorkerTopics {

    private static final Logger log = LoggerFactory.getLogger(WorkerTopics.class);

    private final WorkerProperties worker;
    private final Admin admin;

    WorkerTopics(WorkerProperties worker, Admin admin) {
        this.worker = worker;
        this.admin = admin;
    }

    /** Partition counts of the catalog topics; an {@link IllegalStateException} while one is missing. */
    Map<CatalogTable, Integer> catalogPartitions() {
        Map<CatalogTable, Topic<String, String>> topics = Topics.catalog(worker.topicPrefix(), worker.schema());
        Set<String> existing = call(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
        List<String> missing = topics.values().stream().map(Topic::name).filter(t -> !existing.contains(t)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("catalog topics " + missing + " do not exist at "
                    + worker.bootstrapServers() + ": start catalog-cdc (or the Debezium connector) first, or check"
                    + " embedding-worker.topic-prefix and schema");
        }
        Map<String, TopicDescription> described = call(() -> admin.describeTopics(
                topics.values().stream().map(Topic::name).toList()).allTopicNames().get(10, TimeUnit.SECONDS));
        Map<CatalogTable, Integer> partitions = new EnumMap<>(CatalogTable.class);
        topics.forEach((table, topic) -> partitions.put(table, described.get(topic.name()).partitions().size()));
        return partitions;
    }

    /** Every partition of the catalog topics, given their partition counts. */
    List<TopicPartition> catalogTopicPartitions(Map<CatalogTable, Integer> partitions) {
        List<TopicPartition> all = new ArrayList<>();
        partitions.forEach((table, count) -> {
            for (int p = 0; p < count; p++) {
                all.add(new TopicPartition(Topics.catalog(worker.topicPrefix(), worker.schema(), table).name(), p));
            }
        });
        return all;
    }

    void createOutputTopics() {
        List<NewTopic> wanted = new ArrayList<>();
        wanted.add(new NewTopic(Topics.MOVIE_VECTORS.name(), worker.vectorPartitions(), worker.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.DELETE_RETENTION_MS_CONFIG, "604800000")));
        for (Topic<String, String> topic : Topics.catalog(worker.topicPrefix(), worker.schema()).values()) {
            wanted.add(new NewTopic(topic.deadLetters().name(), 1, worker.replicationFactor())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "1209600000")));
        }
        create(wanted);
    }

    private void create(Collection<NewTopic> wanted) {
        Set<String> existing = call(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
        List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
        if (!missing.isEmpty()) {
            call(() -> admin.createTopics(missing).all().get(30, TimeUnit.SECONDS));
            log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
        }
    }

    private interface AdminCall<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private <T> T call(AdminCall<T> call) {
        try {
            return call.get();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + worker.bootstrapServers() + " did not answer: " + e
                    + ". Check embedding-worker.bootstrap-servers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Kafka", e);
        }
    }
}
