package io.movierecs.index.it;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.events.MovieVector;
import io.movierecs.index.IndexServiceApplication;
import io.movierecs.index.support.ClusteredVectors;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.movierecs.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * index-service in-process against a real KRaft broker (one for the class) and real Faiss; the tests run in
 * order and build on each other's records.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IndexServiceIT {

    static final int DIM = 32;
    static final String TOKEN = "s3cret";

    @TempDir
    static Path dataDir;

    static Kafka kafka;
    static ConfigurableApplicationContext app;
    static Http http;
    static final ClusteredVectors VECTORS = new ClusteredVectors(DIM, 20, 99);
    static final Map<Long, float[]> SENT_VECTORS = new HashMap<>();

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new Kafka(3);
    }

    @AfterAll
    static void stopAll() {
        if (app != null) {
            app.close();
        }
        kafka.close();
    }

    static void startApp() {
        app = new SpringApplicationBuilder(IndexServiceApplication.class).run("--server.port=0",
                "--index-service.dimension=" + DIM,
                "--index-service.kafka.bootstrap-servers=" + kafka.servers(),
                "--index-service.snapshot.dir=" + dataDir.resolve("snapshots"),
                "--index-service.index.train-threshold=300",
                "--index-service.admin.token=" + TOKEN, "--index-service.health.probe-interval-ms=500");
        http = Http.local(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        await().atMost(Duration.ofMinutes(1)).until(() -> http.status("/actuator/health/readiness") == 200);
    }

    static void sendMovies(long from, long to, long version) throws Exception {
        List<MovieVector> batch = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            float[] vector = VECTORS.next();
            SENT_VECTORS.put(id, vector);
            batch.add(movie(id, version, vector));
        }
        kafka.sendAll(batch);
    }

    @Test
    @Order(1)
    void catchesUpBeforeReadyThenSearches() throws Exception {
        sendMovies(1, 200, 10);
        startApp();

        assertThat(http.json("/internal/v1/index").path("ntotal").asLong()).as("ready only after catch-up")
                .isEqualTo(200);
        assertThat(http.status("/actuator/health/readiness")).isEqualTo(200);
        assertThat(http.status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(http.json("/actuator/health").path("components").path("index").path("details").path("phase")
                .asString()).isEqualTo("LIVE");

        JsonNode movie5 = http.json("/internal/v1/movies/5");
        assertThat(movie5.path("title").asString()).isEqualTo("Movie 5");
        assertThat(movie5.path("sourceVersion").asString()).isEqualTo("000000000000000a");

        JsonNode similar = http.json("/internal/v1/movies/5/similar?k=7");
        assertThat(similar.path("results")).hasSize(7);
        assertThat(similar.path("generation").asLong()).isPositive();
        similar.path("results").forEach(r -> assertThat(r.path("movieId").asLong()).isNotEqualTo(5));

        JsonNode titles = http.json("/internal/v1/titles?prefix=movie%2012&limit=5");
        assertThat(titles.path("movies")).hasSize(5);
        titles.path("movies").forEach(m -> assertThat(m.path("title").asString()).startsWith("Movie 12"));
    }

    @Test
    @Order(2)
    void searchByVectorFindsTheMovieAndFiltersReturnK() throws Exception {
        float[] query = SENT_VECTORS.get(5L);
        HttpResponse<String> response = http.post("/internal/v1/search",
                "{\"vector\":" + Http.vectorJson(query) + ",\"k\":3}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Http.JSON.readTree(response.body());
        assertThat(body.path("results").get(0).path("movieId").asLong()).isEqualTo(5);
        assertThat(body.path("factory").asString()).isEqualTo("IDMap,Flat");

        JsonNode comedies = Http.JSON.readTree(http.post("/internal/v1/search", "{\"vector\":"
                + Http.vectorJson(query) + ",\"k\":10,\"genre\":\"comedy\",\"yearFrom\":1960,\"exclude\":[5]}").body());
        assertThat(comedies.path("results")).hasSize(10);
        comedies.path("results").forEach(r -> {
            assertThat(r.path("genres").toString()).contains("Comedy");
            assertThat(r.path("year").asInt()).isGreaterThanOrEqualTo(1960);
            assertThat(r.path("movieId").asLong()).isNotEqualTo(5);
        });
    }

    @Test
    @Order(3)
    void updatesApplyStaleVersionsAreIgnoredTombstonesDelete() throws Exception {
        kafka.send(movie(5, 11, VECTORS.next(), "Five Reloaded", 2001, List.of("Drama")));
        kafka.send(movie(6, 9, VECTORS.next(), "Six, older version", 1990, List.of("Drama")));
        kafka.tombstone(7);

        await().atMost(Duration.ofSeconds(30)).until(() -> http.status("/internal/v1/movies/7") == 404);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.json("/internal/v1/movies/5").path("title").asString().equals("Five Reloaded"));
        assertThat(http.json("/internal/v1/movies/6").path("title").asString()).isEqualTo("Movie 6");
        HttpResponse<String> gone = http.get("/internal/v1/movies/7");
        assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    @Order(4)
    void poisonRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        kafka.sendRaw("8".getBytes(StandardCharsets.US_ASCII), "not json".getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw("abc".getBytes(StandardCharsets.US_ASCII),
                io.movierecs.events.MovieVectorSerde.toJson(movie(9, 50, VECTORS.next())));
        kafka.send(movie(999, 10, VECTORS.next()));

        await().atMost(Duration.ofSeconds(30)).until(() -> http.status("/internal/v1/movies/999") == 200);
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.read("movie-vectors.dlq", 2);
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0), "dlq.error")).startsWith("bad value");
        assertThat(header(dead.get(0), "dlq.source.topic")).isEqualTo("movie-vectors");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(header(dead.get(1), "dlq.error")).contains("bad key");
        assertThat(http.get("/actuator/prometheus").body()).contains("index_dead_letters_total 2.0");
        assertThat(http.json("/internal/v1/movies/8").path("title").asString()).isEqualTo("Movie 8");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    @Order(5)
    void badInputIsA400ProblemAndUnknownIdsA404() {
        String zeros = Http.vectorJson(new float[DIM]);
        assertProblem(http.post("/internal/v1/search", "{\"vector\":[1,2,3]}"), 400, "32-d vectors");
        assertProblem(http.post("/internal/v1/search", "{\"vector\":" + zeros + ",\"k\":0}"), 400, "k must be");
        assertProblem(http.post("/internal/v1/search", "{\"vector\":" + zeros + ",\"yearFrom\":2000,\"yearTo\":1990}"),
                400, "yearFrom");
        assertProblem(http.post("/internal/v1/search", "{\"vector\": [1, 2"), 400, "");
        assertProblem(http.post("/internal/v1/search", "{\"k\":3}"), 400, "vector is required");
        assertProblem(http.get("/internal/v1/movies/abc"), 400, "");
        assertProblem(http.get("/internal/v1/movies/5/similar?k=-1"), 400, "k must be");
        assertProblem(http.get("/internal/v1/movies/5/similar?nprobe=x"), 400, "");
        assertProblem(http.get("/internal/v1/movies/123456"), 404, "no movie 123456");
        assertProblem(http.get("/internal/v1/movies/123456/similar"), 404, "no movie");
        assertProblem(http.get("/internal/v1/titles"), 400, "prefix");
        assertProblem(http.get("/internal/v1/titles?prefix=a&limit=1000"), 400, "limit");
        assertProblem(http.get("/internal/v1/index?afterGeneration=1&waitMs=60000"), 400, "waitMs");
    }

    @Test
    @Order(5)
    void theStateCanBeAwaitedUntilTheGenerationChanges() throws Exception {
        long generation = http.json("/internal/v1/index").path("generation").asLong();
        assertThat(http.json("/internal/v1/index?afterGeneration=" + (generation - 1) + "&waitMs=5000")
                .path("generation").asLong()).as("another generation than the caller's: at once").isEqualTo(generation);

        long started = System.nanoTime();
        assertThat(http.json("/internal/v1/index?afterGeneration=" + generation + "&waitMs=300").path("generation")
                .asLong()).as("nothing changed: the same generation, after the wait").isEqualTo(generation);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(
                () -> http.json("/internal/v1/index?afterGeneration=" + generation + "&waitMs=10000"));
        kafka.send(movie(12, 20, VECTORS.next(), "Movie 12", 2012, List.of("Drama")));
        assertThat(waiting.get(8, TimeUnit.SECONDS).path("generation").asLong())
                .as("woken by the change, long before its 10 s wait").isGreaterThan(generation);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Http.JSON.readTree(response.body()).path("status").asInt()).isEqualTo(status);
        assertThat(response.body()).contains(detail);
    }

    @Test
    @Order(6)
    void trainsAnIvfIndexPastTheThresholdAndKeepsServing() throws Exception {
        sendMovies(1000, 1299, 10);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> http.json("/internal/v1/index").path("factory").asString().startsWith("IVF"));
        JsonNode state = http.json("/internal/v1/index");
        assertThat(state.path("nlist").asInt()).isPositive();
        assertThat(state.path("nprobe").asInt()).isPositive();
        assertThat(state.path("trainedAt").isNull()).isFalse();
        assertThat(state.path("ntotal").asLong()).isEqualTo(state.path("ntotal").asLong());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.json("/internal/v1/index").path("ntotal").asLong()
                == 200 - 1 + 1 + 300);
        JsonNode similar = http.json("/internal/v1/movies/1100/similar?k=5&nprobe=4");
        assertThat(similar.path("results")).hasSize(5);
        assertThat(similar.path("factory").asString()).startsWith("IVF");
    }

    @Test
    @Order(7)
    void adminEndpointsNeedTheToken() {
        assertProblem(http.post("/admin/v1/snapshot", ""), 401, "X-Admin-Token");
        assertProblem(http.post("/admin/v1/snapshot", "", "X-Admin-Token", "wrong"), 401, "X-Admin-Token");
        HttpResponse<String> snapshot = http.post("/admin/v1/snapshot", "", "X-Admin-Token", TOKEN);
        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(200);
        JsonNode state = Http.JSON.readTree(snapshot.body());
        assertThat(state.path("snapshot").path("id").asString()).isNotBlank();
        assertThat(state.path("snapshot").path("offsets").size()).isEqualTo(3);
        assertThat(http.get("/actuator/prometheus").body()).contains("index_vectors ").contains("index_freshness_seconds_bucket")
                .contains("index_consumer_lag").contains("index_search_seconds_count{kind=\"movie\"")
                .contains("index_snapshot_age_seconds").contains("index_updates_total{result=\"stale\"} 1.0");
    }

    @Test
    @Order(8)
    void restartRestoresTheSnapshotAndDeletedMoviesStayDeleted() throws Exception {
        kafka.tombstone(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.status("/internal/v1/movies/10") == 404);
        long generation = http.json("/internal/v1/index").path("generation").asLong();
        app.close();

        kafka.send(movie(10, 10, VECTORS.next()));
        kafka.send(movie(7, 9, VECTORS.next()));
        kafka.send(movie(2000, 10, VECTORS.next()));
        startApp();

        JsonNode state = http.json("/internal/v1/index");
        assertThat(state.path("generation").asLong()).as("resumed from the shutdown snapshot")
                .isGreaterThanOrEqualTo(generation);
        assertThat(state.path("factory").asString()).startsWith("IVF");
        assertThat(http.status("/internal/v1/movies/10")).isEqualTo(404);
        assertThat(http.status("/internal/v1/movies/7")).isEqualTo(404);
        assertThat(http.status("/internal/v1/movies/2000")).isEqualTo(200);
        assertThat(state.path("ntotal").asLong()).isEqualTo(200 - 1 + 1 + 300 - 1 + 1);
    }

    @Test
    @Order(9)
    void readinessWaitsForTheTopicAndTheCatchUpWhileLivenessIsUp() throws Exception {
        int port = Http.freePort();
        Http late = Http.local(port);
        CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture.supplyAsync(() ->
                new SpringApplicationBuilder(IndexServiceApplication.class).run("--server.port=" + port,
                        "--index-service.dimension=" + DIM,
                        "--index-service.kafka.bootstrap-servers=" + kafka.servers(),
                        "--index-service.kafka.topic=late-vectors",
                        "--index-service.snapshot.dir=" + dataDir.resolve("late")));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> late.status("/actuator/health/liveness") == 200
                    && late.get("/actuator/health").body().contains("WAITING_FOR_TOPIC"));
            assertThat(late.status("/actuator/health/readiness")).isEqualTo(503);
            assertThat(late.json("/internal/v1/index").path("ready").asBoolean()).isFalse();
            HttpResponse<String> early = late.get("/internal/v1/titles?prefix=mo");
            assertThat(early.statusCode()).as("no answers before the catch-up").isEqualTo(503);
            assertThat(early.headers().firstValue("Retry-After")).isPresent();

            kafka.createTopic("late-vectors", 1);
            kafka.sendTo("late-vectors", movie(1, 1, VECTORS.next()));
            await().atMost(Duration.ofSeconds(60)).until(() -> late.status("/actuator/health/readiness") == 200);
            assertThat(late.json("/internal/v1/index").path("ntotal").asLong()).isEqualTo(1);
            assertThat(late.status("/internal/v1/movies/1")).isEqualTo(200);
        } finally {
            starting.thenAccept(ConfigurableApplicationContext::close);
        }
        starting.get(60, TimeUnit.SECONDS);
    }

    @Test
    @Order(10)
    void newPartitionsAreReadFromTheBeginning() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers()))) {
            admin.createPartitions(Map.of(Topics.MOVIE_VECTORS.name(), NewPartitions.increaseTo(4)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        kafka.sendToPartition(3, movie(3001, 10, VECTORS.next()));
        kafka.sendToPartition(3, movie(3002, 10, VECTORS.next()));
        await().atMost(Duration.ofSeconds(60)).until(() -> http.status("/internal/v1/movies/3001") == 200
                && http.status("/internal/v1/movies/3002") == 200);
        JsonNode state = http.json("/internal/v1/index");
        assertThat(state.path("offsets").path("3").asLong()).isEqualTo(2);
    }

    @Test
    @Order(11)
    void aSnapshotOlderThanTheTombstoneRetentionIsNotRestored() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MOVIE_VECTORS.name());
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry("delete.retention.ms", "2000"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        long ntotal = http.json("/internal/v1/index").path("ntotal").asLong();
        app.close(); // the shutdown snapshot: older than 2000 ms less the default margin of an hour, at once
        startApp();
        JsonNode state = http.json("/internal/v1/index");
        assertThat(state.path("snapshot").isNull() || state.path("snapshot").isMissingNode())
                .as("nothing restored: %s", state).isTrue();
        assertThat(state.path("ntotal").asLong()).as("rebuilt from the beginning of the topic").isEqualTo(ntotal);
        assertThat(http.status("/internal/v1/movies/10")).isEqualTo(404);
    }
}
