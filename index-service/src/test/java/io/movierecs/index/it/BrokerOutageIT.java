package io.movierecs.index.it;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.events.MovieVector;
import io.movierecs.events.Topics;
import io.movierecs.index.IndexServiceApplication;
import io.movierecs.index.support.ClusteredVectors;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * index-service against a broker that is a child process: started after the service (start-up does not fail,
 * searches answer 503 until caught up), stopped for longer than 30 s, frozen; readiness goes OUT_OF_SERVICE after
 * the grace while liveness stays UP, and everything produced meanwhile is applied once the broker is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerOutageIT {

    static final int DIM = 16;
    static final ClusteredVectors VECTORS = new ClusteredVectors(DIM, 10, 3);

    @TempDir
    static Path dir;

    static BrokerProcess broker;
    static ConfigurableApplicationContext app;
    static Http http;
    static KafkaProducer<Long, MovieVector> producer;

    @BeforeAll
    static void startServiceWithTheBrokerDown() throws Exception {
        broker = new BrokerProcess(dir.resolve("broker"));
        app = new SpringApplicationBuilder(IndexServiceApplication.class).run("--server.port=0",
                "--index-service.dimension=" + DIM,
                "--index-service.kafka.bootstrap-servers=" + broker.servers(),
                "--index-service.snapshot.dir=" + dir.resolve("snapshots"),
                "--index-service.health.stall-grace-ms=3000",
                "--index-service.health.probe-interval-ms=500");
        http = Http.local(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (app != null) {
            app.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        broker.close();
    }

    @Test
    @Order(1)
    void startsWithTheBrokerDownAnswers503UntilCaughtUp() throws Exception {
        assertThat(http.status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(http.status("/actuator/health/readiness")).isEqualTo(503);
        JsonNode state = http.json("/internal/v1/index");
        assertThat(state.path("ready").asBoolean()).isFalse();
        HttpResponse<String> search = http.get("/internal/v1/movies/1/similar");
        assertThat(search.statusCode()).isEqualTo(503);
        assertThat(search.headers().firstValue("Retry-After")).isPresent();
        assertThat(search.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(http.post("/internal/v1/search", "{\"vector\":" + Http.vectorJson(new float[DIM]) + "}")
                .statusCode()).isEqualTo(503);

        broker.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.servers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.MOVIE_VECTORS.name(), 2, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(60, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.servers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000),
                Topics.MOVIE_VECTORS.keySerde().serializer(), Topics.MOVIE_VECTORS.valueSerde().serializer());
        flush(send(1, 50));

        await().atMost(Duration.ofMinutes(1)).until(() -> http.status("/actuator/health/readiness") == 200);
        state = http.json("/internal/v1/index");
        assertThat(state.path("ready").asBoolean()).isTrue();
        assertThat(state.path("ntotal").asLong()).isEqualTo(50);
        assertThat(state.path("position").asLong()).isEqualTo(50);
        assertThat(state.path("offsets").size()).isEqualTo(2);
        JsonNode similar = http.json("/internal/v1/movies/1/similar?k=3");
        assertThat(similar.path("position").asLong()).isEqualTo(50);
    }

    @Test
    @Order(2)
    void survivesTheBrokerStoppedLongerThan30sAndAppliesWhatWasProducedMeanwhile() throws Exception {
        broker.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.status("/actuator/health/readiness") == 503);
        JsonNode progress = Http.JSON.readTree(http.get("/actuator/health/readiness").body()).path("components")
                .path("progress");
        assertThat(progress.path("status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(progress.path("details").path("stalledForMs").asLong()).as("after the grace").isGreaterThan(3000);
        assertThat(http.get("/actuator/prometheus").body()).contains("pipeline_stalled 1.0");
        CompletableFuture<Void> meanwhile = send(51, 80);
        await().during(Duration.ofSeconds(32)).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                .until(() -> http.status("/actuator/health/liveness") == 200
                        && http.status("/actuator/health/readiness") == 503);
        assertThat(Http.JSON.readTree(http.get("/actuator/health/readiness").body()).path("components").path("progress").path("details")
                .path("reason").asString()).contains("Kafka");

        broker.start();
        flush(meanwhile);
        await().atMost(Duration.ofMinutes(1)).until(() -> http.json("/internal/v1/index").path("ntotal").asLong() == 80);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.status("/actuator/health/readiness") == 200);
        assertThat(http.status("/internal/v1/movies/80")).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").body()).contains("pipeline_stalled 0.0")
                .contains("pipeline_last_progress_seconds");
    }

    @Test
    @Order(3)
    void aFrozenBrokerTakesReadinessDownAndIngestResumesAfterThaw() throws Exception {
        assertThat(http.json("/internal/v1/index").path("ntotal").asLong()).as("the outage test passed").isEqualTo(80);
        broker.freeze();
        try {
            CompletableFuture<Void> meanwhile = send(81, 90);
            await().atMost(Duration.ofSeconds(30)).until(() -> http.status("/actuator/health/readiness") == 503);
            assertThat(http.status("/actuator/health/liveness")).isEqualTo(200);
            broker.thaw();
            flush(meanwhile);
        } finally {
            broker.thaw();
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> http.json("/internal/v1/index").path("ntotal").asLong() == 90);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.status("/actuator/health/readiness") == 200);
        assertThat(http.json("/internal/v1/index").path("position").asLong()).isEqualTo(90);
    }

    /**
     * Produces movies {@code from..to} from another thread (a send blocks while the broker is away, up to
     * max.block.ms); the future completes once the broker acknowledged them all.
     */
    private static CompletableFuture<Void> send(long from, long to) {
        List<float[]> vectors = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            vectors.add(VECTORS.next());
        }
        return CompletableFuture.runAsync(() -> {
            List<Future<?>> futures = new ArrayList<>();
            for (long id = from; id <= to; id++) {
                futures.add(producer.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(), id,
                        movie(id, 1, vectors.get((int) (id - from))))));
            }
            for (Future<?> future : futures) {
                try {
                    future.get(5, TimeUnit.MINUTES);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    private static void flush(CompletableFuture<Void> sent) throws Exception {
        sent.get(90, TimeUnit.SECONDS);
    }
}
