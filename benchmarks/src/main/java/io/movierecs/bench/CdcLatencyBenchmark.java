package io.movierecs.bench;

import io.movierecs.catalog.db.CatalogDatabase;
import io.movierecs.catalog.db.CatalogMigrations;
import io.movierecs.catalog.db.EmbeddedCatalog;
import io.movierecs.catalog.importer.CatalogImporter;
import io.movierecs.catalog.importer.ImportReport;
import io.movierecs.catalog.importer.Progress;
import io.movierecs.cdc.CatalogCdcApplication;
import io.movierecs.events.CatalogTable;
import io.movierecs.events.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * {@code ./movie-recs bench cdc [UPDATES] [MOVIELENS_DIR]}: imports ml-latest-small into a fresh embedded
 * PostgreSQL (import throughput), streams it through catalog-cdc into a real broker (backfill throughput), then
 * performs single-row updates one at a time and measures commit to record-consumed-from-Kafka for each.
 */
public final class CdcLatencyBenchmark {

    private static final String MOVIES_TOPIC = Topics.catalog("catalog", "public", CatalogTable.MOVIES).name();

    private CdcLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path movieLens = Path.of(args.length > 1 ? args[1] : System.getenv().getOrDefault("MOVIELENS_DIR",
                "../shared/data/ml-latest-small"));
        Path dir = Files.createTempDirectory("bench-cdc");
        System.out.printf("machine: %d cores; catalog-cdc, PostgreSQL, Kafka and this client share them%n",
                Runtime.getRuntime().availableProcessors());
        try (EmbeddedCatalog catalog = EmbeddedCatalog.start(dir.resolve("pg"), freePort())) {
            CatalogDatabase database = catalog.database();
            CatalogMigrations.migrate(database);
            long started = System.nanoTime();
            ImportReport report = new CatalogImporter(database, Progress.NONE).importMovieLens(movieLens);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("import %s: %d movies in %.2f s = %.0f movies/s (%s)%n", movieLens,
                    report.movies().inserted(), seconds, report.movies().inserted() / seconds, report);

            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
            kafka.brokerProperties(Map.of("auto.create.topics.enable", "false"));
            kafka.afterPropertiesSet();
            try (KafkaConsumer<String, String> consumer = consumer(kafka.getBrokersAsString())) {
                long cdcStarted = System.nanoTime();
                ConfigurableApplicationContext cdc = startCdc(catalog.port(), kafka.getBrokersAsString(), dir);
                try {
                    long snapshot = awaitRecords(consumer, report.movies().inserted());
                    double snapshotSeconds = (System.nanoTime() - cdcStarted) / 1e9;
                    System.out.printf("snapshot: %d movie records on Kafka %.2f s after catalog-cdc started"
                            + " (start-up included) = %.0f records/s%n", snapshot, snapshotSeconds,
                            snapshot / snapshotSeconds);
                    measureUpdates(database, consumer, updates);
                } finally {
                    cdc.close();
                }
            } finally {
                kafka.destroy();
            }
        }
    }

    private static void measureUpdates(CatalogDatabase database, KafkaConsumer<String, String> consumer,
            int updates) throws Exception {
        double[] millis = new double[updates];
        try (Connection connection = database.connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE movies SET overview = ? WHERE movie_id = ?")) {
            List<Long> ids = firstMovieIds(connection, 50);
            for (int i = 0; i < updates; i++) {
                String marker = "bench-" + i;
                update.setString(1, marker);
                update.setLong(2, ids.get(i % ids.size()));
                long before = System.nanoTime();
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("movie " + ids.get(i % ids.size()) + " was not updated");
                }
                awaitMarker(consumer, marker);
                millis[i] = (System.nanoTime() - before) / 1e6;
            }
        }
        System.out.printf("commit -> record consumed from Kafka, %d single-row updates one at a time: %s%n",
                updates, new Percentiles(millis).summary());
    }

    private static List<Long> firstMovieIds(Connection connection, int count) throws java.sql.SQLException {
        List<Long> ids = new java.util.ArrayList<>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT movie_id FROM movies ORDER BY movie_id LIMIT " + count)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static long awaitRecords(KafkaConsumer<String, String> consumer, long expected) {
        long seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (seen < expected && System.nanoTime() < deadline) {
            seen += consumer.poll(Duration.ofMillis(100)).count();
        }
        if (seen < expected) {
            throw new IllegalStateException("only " + seen + " of " + expected + " snapshot records arrived");
        }
        return seen;
    }

    private static void awaitMarker(KafkaConsumer<String, String> consumer, String marker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String needle = "\"overview\":\"" + marker + "\"";
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(1))) {
                if (record.value() != null && record.value().contains(needle)
                        && record.value().indexOf(needle) > record.value().indexOf("\"after\"")) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the update " + marker + " did not reach Kafka within 30 s");
    }

    private static ConfigurableApplicationContext startCdc(int pgPort, String brokers, Path dir) {
        return new SpringApplicationBuilder(CatalogCdcApplication.class).run(
                "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off",
                "--catalog-cdc.database.port=" + pgPort,
                "--catalog-cdc.kafka.bootstrap-servers=" + brokers,
                "--catalog-cdc.offsets.store=file",
                "--catalog-cdc.offsets.file=" + dir.resolve("offsets.dat"));
    }

    private static KafkaConsumer<String, String> consumer(String brokers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-cdc");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(MOVIES_TOPIC));
        return consumer;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
