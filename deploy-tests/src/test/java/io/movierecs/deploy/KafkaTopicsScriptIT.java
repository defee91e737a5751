package io.movierecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.events.Topic;
import io.movierecs.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * docker/kafka/create-topics.sh (compose's kafka-init) against a real KRaft broker that, like the compose one,
 * never auto-creates topics. Its {@code kafka-topics.sh} is Kafka's own TopicCommand (kafka-tools), run by a
 * two-line wrapper (JVM flags for a fast start: eleven runs per script run), so the script's arguments meet the
 * real parser.
 */
class KafkaTopicsScriptIT {

    private static EmbeddedKafkaKraftBroker broker;
    private static Admin admin;
    private static Scripts.Run firstRun;

    @TempDir
    static Path bin;

    @BeforeAll
    static void runScriptOnce() throws IOException {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        Path wrapper = bin.resolve("kafka-topics.sh");
        Files.writeString(wrapper, "#!/usr/bin/env bash\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + System.getProperty("java.class.path") + "' org.apache.kafka.tools.TopicCommand \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        firstRun = run();
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.destroy();
    }

    @Test
    void createsEveryTopicTheServicesUseAndNothingElse() throws Exception {
        assertThat(firstRun.exitCode()).as(firstRun.output()).isZero();
        List<String> expected = new ArrayList<>();
        for (Topic<String, String> topic : Topics.catalog(Topics.DEFAULT_CATALOG_PREFIX, "dbo").values()) {
            expected.addAll(List.of(topic.name(), topic.deadLetters().name()));
        }
        expected.addAll(List.of(Topics.MOVIE_VECTORS.name(), Topics.MOVIE_VECTORS.name() + ".dlq",
                "catalog-cdc.offsets", "catalog-cdc.schema-history"));

        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void changeTopicsAndVectorsAreCompactedWithSixPartitions() throws Exception {
        String movies = Topics.catalog(Topics.DEFAULT_CATALOG_PREFIX, "dbo").values().iterator().next().name();
        Map<String, TopicDescription> described = admin.describeTopics(List.of(movies, Topics.MOVIE_VECTORS.name(),
                movies + ".dlq", "catalog-cdc.offsets")).allTopicNames().get(30, TimeUnit.SECONDS);

        assertThat(described.get(movies).partitions()).hasSize(6);
        assertThat(described.get(Topics.MOVIE_VECTORS.name()).partitions()).hasSize(6);
        assertThat(described.get(movies + ".dlq").partitions()).hasSize(1);
        assertThat(described.get("catalog-cdc.offsets").partitions()).hasSize(1);
        assertThat(config(movies, "cleanup.policy")).isEqualTo("compact");
        assertThat(config(movies, "delete.retention.ms")).isEqualTo("86400000");
        assertThat(config(Topics.MOVIE_VECTORS.name(), "cleanup.policy")).isEqualTo("compact");
        assertThat(config(movies + ".dlq", "cleanup.policy")).isEqualTo("delete");
        assertThat(config(movies + ".dlq", "retention.ms")).isEqualTo("1209600000");
        assertThat(config("catalog-cdc.schema-history", "retention.ms")).isEqualTo("-1");
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        Scripts.Run second = run();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).hasSize(10);
    }

    private static Scripts.Run run() {
        return Scripts.bash(RepoFiles.DOCKER.resolve("kafka/create-topics.sh"), Map.of("BOOTSTRAP",
                broker.getBrokersAsString(), "KAFKA_BIN", bin.toString()), 300);
    }

    private static String config(String topic, String key) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get(key).value();
    }
}
