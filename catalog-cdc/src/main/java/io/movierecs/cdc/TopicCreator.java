package io.movierecs.cdc;

import io.movierecs.events.Topic;
import io.movierecs.events.Topics;
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
 * for a day so late consumers still see them.
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

    void createMissing(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topicNames().stream().filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, cdc.topics().partitions(), cdc.topics().replicationFactor())
                            .configs(CHANGE_TOPIC_CONFIG))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log.info("created change topics {}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the change topics " + topicNames() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
