package io.movierecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.events.CatalogTable;
import io.movierecs.events.Topic;
import io.movierecs.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml read statically (no Docker engine here; its schema check is {@code ComposeSchemaIT}):
 * pinned images, health checks, start order, the broker's listeners and topics, secrets only from .env.
 */
class ComposeFileTest {

    private static final Map<String, Object> COMPOSE = Yaml.read(RepoFiles.COMPOSE);
    private static final Map<String, Object> SERVICES = Yaml.map(COMPOSE.get("services"));
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");

    @Test
    void everyImageIsPinned() {
        SERVICES.forEach((name, service) -> {
            String image = Yaml.at(service, "image");
            assertThat(image).as(name).isNotNull();
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(image.lastIndexOf(':')).as(name + ": " + image + " has no tag").isGreaterThan(image.lastIndexOf('/'));
            assertThat(tag).as(name).isNotEqualTo("latest").matches(".*[0-9].*");
        });
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckAndOneShotsAreAwaited() {
        Set<String> oneShots = dependencies("service_completed_successfully");
        assertThat(oneShots).containsExactlyInAnyOrder("sqlserver-init", "kafka-init");
        SERVICES.forEach((name, service) -> {
            if (oneShots.contains(name)) {
                assertThat(Yaml.<String>at(service, "restart")).as(name).isEqualTo("no");
            } else {
                assertThat(Yaml.<List<String>>at(service, "healthcheck.test")).as(name + " healthcheck").isNotEmpty();
            }
        });
        assertThat(dependencies("service_healthy")).contains("sqlserver", "kafka", "mlflow", "index-service");
    }

    @Test
    void theFourServicesAreBuiltFromTheirDockerfilesAndStartInOrder() {
        for (String name : RepoFiles.SERVICES) {
            Object service = SERVICES.get(name);
            assertThat(Yaml.<String>at(service, "build.dockerfile")).isEqualTo("docker/" + name + "/Dockerfile");
            assertThat(Yaml.<Boolean>at(service, "read_only")).as(name).isTrue();
            assertThat(Yaml.<List<String>>at(service, "cap_drop")).as(name).containsExactly("ALL");
            assertThat(Yaml.map(Yaml.at(service, "depends_on"))).as(name).isNotEmpty();
        }
        assertThat(Yaml.map(Yaml.at(SERVICES.get("catalog-cdc"), "depends_on")))
                .containsKeys("sqlserver-init", "kafka-init");
        assertThat(Yaml.map(Yaml.at(SERVICES.get("query-gateway"), "depends_on"))).containsKey("index-service");
    }

    @Test
    void sqlServerRunsItsAgentAndTheInitEnablesCdc() throws IOException {
        assertThat(Yaml.<String>at(SERVICES.get("sqlserver"), "environment.MSSQL_AGENT_ENABLED")).isEqualTo("true");
        assertThat(Yaml.<String>at(SERVICES.get("sqlserver"), "image")).contains("mssql/server:2022-");
        String init = Files.readString(RepoFiles.DOCKER.resolve("sqlserver/init.sh"))
                + Files.readString(RepoFiles.DOCKER.resolve("sqlserver/create-database.sql"));
        assertThat(init).contains("sp_cdc_enable_db").contains("/migrations/V1__catalog.sql")
                .contains("/migrations/V2__cdc.sql");
        assertThat(Yaml.<List<String>>at(SERVICES.get("sqlserver-init"), "volumes"))
                .contains("./catalog/src/main/resources/db/migration/sqlserver:/migrations:ro");
        assertThat(Files.readString(RepoFiles.ROOT.resolve(
                "catalog/src/main/resources/db/migration/sqlserver/V2__cdc.sql"))).contains("sp_cdc_enable_table");
        Map<String, Object> cdc = Yaml.map(Yaml.at(SERVICES.get("catalog-cdc"), "environment"));
        assertThat(cdc).containsEntry("CATALOG_CDC_CONNECTOR", "sqlserver").containsEntry("CATALOG_CDC_DATABASE_HOST",
                "sqlserver");
    }

    @Test
    void kafkaHasTwoListenersAndNoAutoCreatedTopics() {
        Map<String, Object> env = Yaml.map(Yaml.at(SERVICES.get("kafka"), "environment"));

        Set<String> advertised = listenerNames(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS")));
        assertThat(advertised).containsExactlyInAnyOrder("INTERNAL", "EXTERNAL");
        assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS")))
                .contains("INTERNAL://kafka:9092").contains("EXTERNAL://localhost:");
        assertThat(listenerNames(String.valueOf(env.get("KAFKA_LISTENERS"))))
                .containsExactlyInAnyOrder("INTERNAL", "EXTERNAL", "CONTROLLER");
        assertThat(env).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL");
        assertThat(Yaml.<List<String>>at(SERVICES.get("kafka"), "ports")).singleElement().asString()
                .startsWith("127.0.0.1:").endsWith(":29092");
    }

    @Test
    void topicInitCreatesEveryTopicTheCodeUses() throws IOException {
        String script = Files.readString(RepoFiles.DOCKER.resolve("kafka/create-topics.sh"));
        Map<String, Object> env = Yaml.map(Yaml.at(SERVICES.get("kafka-init"), "environment"));
        String tables = Pattern.compile("for table in ([a-z_ ]+);").matcher(script).results()
                .map(m -> m.group(1)).findFirst().orElseThrow();
        List<String> created = List.of(tables.split(" ")).stream()
                .flatMap(t -> List.of(env.get("TOPIC_PREFIX") + "." + env.get("CATALOG_SCHEMA") + "." + t,
                        env.get("TOPIC_PREFIX") + "." + env.get("CATALOG_SCHEMA") + "." + t + ".dlq").stream())
                .collect(Collectors.toList());
        Topics.catalog(Topics.DEFAULT_CATALOG_PREFIX, "dbo").values().forEach(topic -> {
            assertThat(created).contains(topic.name(), topic.deadLetters().name());
        });
        assertThat(CatalogTable.values()).hasSize(3);
        Topic<?, ?> vectors = Topics.MOVIE_VECTORS;
        assertThat(script).contains("create " + vectors.name() + " \"$partitions\" cleanup.policy=compact")
                .contains("create " + vectors.name() + ".dlq 1").contains("create catalog-cdc.offsets 1 cleanup.policy=compact")
                .contains("create catalog-cdc.schema-history 1").contains("--if-not-exists")
                .contains("cleanup.policy=compact delete.retention.ms=86400000");
        assertThat(env).containsEntry("PARTITIONS", 6);
        assertThat(Yaml.<Object>at(SERVICES.get("catalog-cdc"), "environment.CATALOG_CDC_TOPICS_CREATE"))
                .isEqualTo("false");
    }

    @Test
    void secretsComeOnlyFromTheEnvFileWhoseExampleNamesThemAll() throws IOException {
        Set<String> used = new HashSet<>();
        SERVICES.forEach((name, service) -> Yaml.map(Yaml.at(service, "environment")).forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|TOKEN|_KEYS)$")) {
                assertThat(String.valueOf(value)).as(name + " " + key).matches("\\$\\{[A-Z0-9_]+(:[-?][^}]*)?}");
            }
        }));
        Matcher matcher = VARIABLE.matcher(Files.readString(RepoFiles.COMPOSE));
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        Set<String> example = Files.readAllLines(RepoFiles.ROOT.resolve(".env.example")).stream()
                .filter(line -> line.matches("[A-Z0-9_]+=.*")).map(line -> line.substring(0, line.indexOf('=')))
                .collect(Collectors.toSet());
        used.remove("KAFKA_CLUSTER_ID");
        assertThat(example).containsAll(used);
        assertThat(Files.readString(RepoFiles.ROOT.resolve(".gitignore"))).contains("\n.env\n");
    }

    @Test
    void initScriptsParse() throws Exception {
        for (String script : List.of("sqlserver/init.sh", "kafka/create-topics.sh", "healthcheck.sh")) {
            Process bash = new ProcessBuilder("bash", "-n", RepoFiles.DOCKER.resolve(script).toString())
                    .redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes());
            assertThat(bash.waitFor()).as(script + ": " + output).isZero();
        }
    }

    private static Set<String> dependencies(String condition) {
        Set<String> names = new HashSet<>();
        SERVICES.values().forEach(service -> Yaml.map(Yaml.at(service, "depends_on")).forEach((name, spec) -> {
            if (condition.equals(Yaml.at(spec, "condition"))) {
                names.add(name);
            }
        }));
        return names;
    }

    private static Set<String> listenerNames(String listeners) {
        return List.of(listeners.split(",")).stream().map(l -> l.substring(0, l.indexOf("://")))
                .collect(Collectors.toSet());
    }
}
