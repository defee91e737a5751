package io.movierecs.cdc;

import io.movierecs.events.Topic;
import io.movierecs.events.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the change topics explicitly (brokers should not auto-create): compacted, since the key is the row's
 * primary key and only a row's latest change matters once consumers caught up; deletes stay as tombstones
 * for a day so late consumers still see them. Each has a dead-letter topic {@code <topic>.dlq} (not compacted).
 * Both take messages up to the producer's {@code max.request.size} ({@code max.message.bytes}).
 */
final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    static final Map<String, String> CHANGE_TOPIC_CONFIG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.DELETE_RETENTION_MS_CONFIG, "86400000",
            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "3600000");

    private final CdcProperties cdc;

    TopicCreator(CdcProperties cdc) {
        this.cdc = cdc;
    }

    List<String> topicNames() {
        return Topics.catalog(cdc.topics().prefix(), cdc.schema()).values().stream().map(Topic::name).toList();
    }

    /** The change topics (compacted) and their dead-letter topics (deleted after the retention time). */
    List<NewTopic> topics() {
        String maxMessageBytes = Integer.toString(cdc.kafka().maxRequestSize());
        Map<String, String> changeConfig = new HashMap<>(CHANGE_TOPIC_CONFIG);
        changeConfig.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes);
        Map<String, String> deadLetterConfig = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes);
        List<NewTopic> topics = new ArrayList<>();
        for (String name : topicNames()) {
            topics.add(new NewTopic(name, cdc.topics().partitions(), cdc.topics().replicationFactor())
                    .configs(changeConfig));
            topics.add(new NewTopic(name + DeadLetters.SUFFIX, 1, cdc.topics().replicationFactor())
                    .configs(deadLetterConfig));
        }
        return topics;
    }

    void createMissing(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics().stream().filter(topic -> !existing.contains(topic.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new Preflight.NotReachable("could not create the change topics " + topicNames() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
