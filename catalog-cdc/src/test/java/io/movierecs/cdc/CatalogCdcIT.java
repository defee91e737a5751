package io.movierecs.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.movierecs.catalog.db.CatalogMigrations;
import io.movierecs.catalog.db.EmbeddedCatalog;
import io.movierecs.catalog.importer.CatalogImporter;
import io.movierecs.catalog.importer.ImportReport;
import io.movierecs.catalog.importer.Progress;
import io.movierecs.cdc.ChangeLog.Change;
import io.movierecs.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * catalog-cdc against a real PostgreSQL with logical decoding and a real Kafka broker, one of each for the
 * class; the tests run in order and build on each other's rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogCdcIT {

    @TempDir
    static Path dataDir;

    static EmbeddedCatalog catalog;
    static EmbeddedKafkaKraftBroker kafka;
    static ChangeLog log;
    static ConfigurableApplicationContext app;

    @BeforeAll
    static void startCatalogAndKafka() throws Exception {
        catalog = EmbeddedCatalog.start(dataDir.resolve("pg"), CdcTestSupport.freePort());
        CatalogMigrations.migrate(catalog.database());
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        kafka.afterPropertiesSet();
        log = new ChangeLog(kafka.getBrokersAsString(),
                Topics.catalog("catalog", "public").values().stream().map(t -> t.name()).toList());
    }

    @AfterAll
    static void stopAll() {
        if (app != null) {
            app.close();
        }
        if (log != null) {
            log.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
        if (catalog != null) {
            catalog.close();
        }
    }

    static ConfigurableApplicationContext startApp(String... overrides) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : List.of("--server.port=0", "--catalog-cdc.database.port=" + catalog.port(),
                "--catalog-cdc.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--catalog-cdc.topics.partitions=3", "--catalog-cdc.offsets.flush-interval-ms=200",
                "--catalog-cdc.kafka.producer.max.request.size=65536", "--catalog-cdc.health.stall-grace-ms=3000",
                "--catalog-cdc.health.check-interval-ms=500", "--catalog-cdc.retry.max-ms=2000")) {
            args.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        for (String arg : overrides) {
            args.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        return new SpringApplicationBuilder(CatalogCdcApplication.class).run(args.values().toArray(String[]::new));
    }

    static void sql(String... statements) throws SQLException {
        try (Connection connection = catalog.database().connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Test
    @Order(1)
    void snapshotsExistingRowsThenStreamsInsertUpdateDeleteAndTombstone() throws Exception {
        sql("INSERT INTO movies (movie_id, title, release_year, genres) VALUES (9000001, 'Alpha', 1999, 'Drama')",
                "INSERT INTO people (person_id, name) VALUES (9000001, 'Ann Director')",
                "INSERT INTO movie_people VALUES (9000001, 9000001, 'DIRECTOR', 1)");
        app = startApp();

        List<Change> snapshot = log.awaitChanges(0, c -> c.op().equals("r"), 3);
        assertThat(snapshot).extracting(c -> c.topic() + " " + c.key())
                .containsExactlyInAnyOrder("catalog.public.movies {\"movie_id\":9000001}",
                        "catalog.public.people {\"person_id\":9000001}",
                        "catalog.public.movie_people {\"movie_id\":9000001,\"person_id\":9000001,\"role\":\"DIRECTOR\"}");
        assertThat(snapshot.stream().filter(c -> c.isTable("movies")).findFirst().orElseThrow().after()
                .path("title").asString()).isEqualTo("Alpha");

        int mark = log.size();
        sql("INSERT INTO movies (movie_id, title, release_year, genres) VALUES (9000002, 'Beta', 2001, 'Comedy')");
        sql("UPDATE movies SET title = 'Beta II' WHERE movie_id = 9000002");
        sql("DELETE FROM movies WHERE movie_id = 9000002");
        List<Change> changes = log.awaitChanges(mark, c -> c.isTable("movies"), 4);

        assertThat(changes).extracting(Change::op).containsExactly("c", "u", "d", "tombstone");
        assertThat(changes).extracting(c -> c.key().toString()).containsOnly("{\"movie_id\":9000002}");
        assertThat(changes.get(0).after().path("title").asString()).isEqualTo("Beta");
        assertThat(changes.get(1).before().path("title").asString()).as("full before-image").isEqualTo("Beta");
        assertThat(changes.get(1).after().path("title").asString()).isEqualTo("Beta II");
        assertThat(changes.get(2).before().path("genres").asString()).isEqualTo("Comedy");
        assertThat(changes.get(2).value().path("after").isNull()).isTrue();
        assertThat(changes.get(1).value().path("source").path("lsn").asLong())
                .isGreaterThan(changes.get(0).value().path("source").path("lsn").asLong());
        assertThat(changes.get(0).value().path("source").path("ts_ms").asLong()).isPositive();
    }

    @Test
    @Order(2)
    void healthAndMetricsAreExposed() throws Exception {
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/actuator/health").statusCode() == 200);
        assertThat(get(base + "/actuator/health").body()).contains("\"status\":\"UP\"").contains("RUNNING")
                .contains("lastProgressAt");
        assertThat(get(base + "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get(base + "/actuator/health/liveness").statusCode()).isEqualTo(200);
        String metrics = get(base + "/actuator/prometheus").body();
        assertThat(metrics).contains("catalog_cdc_events_total{").contains("table=\"movies\"")
                .contains("catalog_cdc_lag_seconds_bucket").contains("catalog_cdc_errors_total")
                .contains("pipeline_last_progress_seconds").contains("pipeline_stalled");
    }

    @Test
    @Order(3)
    void restartResumesWithoutSnapshotAndLosesNothingChangedWhileDown() throws Exception {
        app.close();
        app = null;
        int mark = log.size();
        sql("INSERT INTO movies (movie_id, title, release_year, genres) VALUES (9000003, 'Gamma', 2010, 'Action')",
                "UPDATE movies SET title = 'Alpha 1' WHERE movie_id = 9000001",
                "UPDATE movies SET title = 'Alpha 2' WHERE movie_id = 9000001",
                "DELETE FROM movie_people WHERE movie_id = 9000001",
                "UPDATE people SET name = 'Ann B. Director' WHERE person_id = 9000001");
        app = startApp();

        List<Change> movies = log.awaitChanges(mark, c -> c.isTable("movies"), 3);
        assertThat(movies).extracting(c -> c.op() + " " + c.after().path("title").asString())
                .containsExactlyInAnyOrder("c Gamma", "u Alpha 1", "u Alpha 2");
        assertThat(movies).filteredOn(c -> c.key().path("movie_id").asLong() == 9000001)
                .as("in commit order per key").extracting(c -> c.after().path("title").asString())
                .containsExactly("Alpha 1", "Alpha 2");
        assertThat(log.awaitChanges(mark, c -> c.isTable("movie_people"), 2)).extracting(Change::op)
                .containsExactly("d", "tombstone");
        assertThat(log.awaitChanges(mark, c -> c.isTable("people"), 1).get(0).after().path("name").asString())
                .isEqualTo("Ann B. Director");
        log.drain();
        assertThat(log.since(mark)).as("no new snapshot after restart").noneMatch(c -> c.op().equals("r"));
        assertThat(log.since(mark)).hasSize(6);
    }

    @Test
    @Order(4)
    void importTwiceEmitsNothingTheSecondTime() throws Exception {
        int mark = log.size();
        ImportReport first = new CatalogImporter(catalog.database(), Progress.NONE).importSample();
        log.awaitChanges(mark, c -> c.isTable("movies") && c.op().equals("c"), (int) first.movies().inserted());
        log.awaitChanges(mark, c -> c.isTable("movie_people") && c.op().equals("c"),
                (int) first.credits().inserted());
        log.drain();

        int afterFirst = log.size();
        ImportReport second = new CatalogImporter(catalog.database(), Progress.NONE).importSample();
        sql("UPDATE movies SET title = 'barrier' WHERE movie_id = 9000003");
        log.awaitChanges(afterFirst, c -> c.isTable("movies") && "barrier".equals(c.after().path("title").asString()), 1);
        log.drain();

        assertThat(second.changedNothing()).isTrue();
        assertThat(log.since(afterFirst)).as("only the barrier update after the second import").hasSize(1);
    }

    @Test
    @Order(5)
    void databaseRestartLosesNoChangeAndCaptureResumesByItself() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> CdcTestSupport.health(app, "readiness") == 200);
        int mark = log.size();
        sql("UPDATE movies SET title = 'before restart' WHERE movie_id = 9000003");
        Path pgDir = dataDir.resolve("pg");
        int port = catalog.port();
        catalog.close();
        long down = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> CdcTestSupport.health(app, "readiness") == 503);
        assertThat(CdcTestSupport.health(app, "liveness")).isEqualTo(200);

        catalog = EmbeddedCatalog.start(pgDir, port);
        long up = System.nanoTime();
        sql("UPDATE movies SET title = 'after restart' WHERE movie_id = 9000003");
        List<Change> arrived = log.awaitChanges(mark, c -> c.isTable("movies") && c.value() != null
                && c.key().path("movie_id").asLong() == 9000003, 2);
        assertThat(arrived).extracting(c -> c.after().path("title").asString())
                .containsSubsequence("before restart", "after restart");
        await().atMost(Duration.ofSeconds(60)).until(() -> CdcTestSupport.health(app, "readiness") == 200);
        System.out.printf("database down %d ms; changes and readiness back %d ms after its restart%n",
                (up - down) / 1_000_000, (System.nanoTime() - up) / 1_000_000);
    }

    @Test
    @Order(6)
    void aRowTooLargeForKafkaGoesToTheDeadLetterTopicAndCaptureGoesOn() throws Exception {
        int mark = log.size();
        sql("INSERT INTO movies (movie_id, title, release_year, genres, overview) VALUES (9000010, 'Huge', 2020,"
                + " 'Drama', (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 4000) i))");
        sql("INSERT INTO movies (movie_id, title, release_year, genres) VALUES (9000011, 'After huge', 2020, 'Drama')");
        Change next = log.awaitChanges(mark, c -> c.isTable("movies") && c.value() != null, 1).get(0);
        assertThat(next.after().path("title").asString()).isEqualTo("After huge");

        try (DeadLetterLog letters = new DeadLetterLog(kafka.getBrokersAsString(), "catalog.public.movies.dlq")) {
            DeadLetterLog.Letter letter = letters.awaitOne();
            assertThat(letter.key()).isEqualTo("{\"movie_id\":9000010}");
            assertThat(letter.value()).contains("\"op\":\"c\"").contains("\"lsn\"").doesNotContain("Huge");
            assertThat(letter.header("dlq.replayable")).isEqualTo("false");
            assertThat(letter.header("dlq.source.topic")).isEqualTo("catalog.public.movies");
            assertThat(letter.header("dlq.error.class")).endsWith("RecordTooLargeException");
            assertThat(letter.header("dlq.error")).isNotBlank();
            assertThat(letter.header("dlq.source.partition")).isEqualTo("-1");
            assertThat(letter.header("dlq.source.offset")).isEqualTo("-1");
        }
        assertThat(CdcTestSupport.get(app, "/actuator/prometheus").body()).contains("catalog_cdc_dead_letters_total{");
    }

    @Test
    @Order(7)
    void badConfigurationFailsFastWithWhatToFix() throws Exception {
        app.close();
        app = null;
        assertThatThrownBy(() -> startApp("--catalog-cdc.database.user=nobody"))
                .satisfies(e -> assertThat(messages(e)).contains("cannot connect to the catalog POSTGRES database", "catalog-cdc.database.host"));

        try (Connection connection = catalog.superuserConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE empty_catalog OWNER movies");
        }
        assertThatThrownBy(() -> startApp("--catalog-cdc.database.name=empty_catalog"))
                .satisfies(e -> assertThat(messages(e)).contains("catalog table(s) public.movies, public.people, public.movie_people"
                        + " missing"));

        try (EmbeddedCatalog noLogical = CdcTestSupport.startWithoutLogicalDecoding(dataDir.resolve("pg-replica"))) {
            CatalogMigrations.migrate(noLogical.database());
            assertThatThrownBy(() -> startApp("--catalog-cdc.database.port=" + noLogical.port()))
                    .satisfies(e -> assertThat(messages(e)).contains("wal_level=replica", "ALTER SYSTEM SET wal_level = logical"));
        }

    }

    /** Every message in a cause chain, one per line. */
    private static String messages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable e = error; e != null; e = e.getCause()) {
            messages.append(e.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
