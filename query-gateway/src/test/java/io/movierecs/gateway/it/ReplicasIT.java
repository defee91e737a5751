package io.movierecs.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.embedding.MiniLmEncoder;
import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import io.movierecs.events.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway in front of TWO real index-service replicas, each a child JVM reading the same movie-vectors
 * (broker, the sample catalog embedded by the real MiniLM). One replica is frozen with SIGSTOP: it leaves the
 * rotation within the freshness budget, requests keep succeeding, an edit stays visible; after SIGCONT it comes
 * back by itself. Then both are frozen: 503 with Retry-After within the timeouts, readiness OUT_OF_SERVICE after
 * the (3 s) grace while liveness stays UP, and everything back after SIGCONT.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final Logger log = LoggerFactory.getLogger(ReplicasIT.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long GODFATHER = 858;
    static final Duration BUDGET = Duration.ofMillis(1000);
    /** Slack for a 2-core machine shared with other builds: timers and HTTP turns are late under load. */
    static final Duration SLACK = Duration.ofMillis(1500);

    @TempDir
    static Path dataDir;
    static Stack stack;
    static ChildIndex a;
    static ChildIndex b;
    static float[] godfatherVector;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack();
        int count;
        try (MiniLmEncoder encoder = MiniLmEncoder.load()) {
            count = stack.produceSampleCatalog(encoder).size();
            godfatherVector = encoder.embed("The Godfather");
        }
        a = ChildIndex.start(stack.servers(), Files.createDirectories(dataDir.resolve("a")), dataDir.resolve("a.log"));
        b = ChildIndex.start(stack.servers(), Files.createDirectories(dataDir.resolve("b")), dataDir.resolve("b.log"));
        a.awaitMovies(count, Duration.ofSeconds(120));
        b.awaitMovies(count, Duration.ofSeconds(120));
        stack.startGatewayOnReplicas(a.url() + "," + b.url(), "--query-gateway.rate-limit.requests-per-second=0",
                "--query-gateway.health.stall-grace-ms=3000");
        await().atMost(Duration.ofSeconds(10)).until(() -> replica(1).path("inRotation").asBoolean()
                && replica(0).path("inRotation").asBoolean());
    }

    @AfterAll
    static void stop() throws Exception {
        for (ChildIndex child : new ChildIndex[] {a, b}) {
            if (child != null) {
                child.close();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    static JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = stack.get(stack.gatewayUrl() + path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static JsonNode replica(int n) throws Exception {
        return ok("/api/v1/status").path("replicas").get(n);
    }

    static int status(String path) throws Exception {
        return stack.get(stack.gatewayUrl() + path).statusCode();
    }

    @Test
    @Order(1)
    void bothReplicasAreInRotationAndReported() throws Exception {
        JsonNode status = ok("/api/v1/status");
        assertThat(status.path("live").asBoolean()).isTrue();
        assertThat(status.path("phase").asString()).isEqualTo("LIVE");
        assertThat(status.path("replicasInRotation").asInt()).isEqualTo(2);
        assertThat(status.path("replicas").size()).isEqualTo(2);
        for (JsonNode replica : status.path("replicas")) {
            assertThat(replica.path("url").asString()).startsWith("http://127.0.0.1:");
            assertThat(replica.path("ready").asBoolean()).isTrue();
            assertThat(replica.path("lastAnsweredAgeSeconds").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(ok("/api/v1/movies/858/similar?k=5").path("results").size()).isEqualTo(5);
        String metrics = stack.get(stack.gatewayUrl() + "/actuator/prometheus").body();
        assertThat(metrics).containsPattern("gateway_index_replicas_in_rotation(\\{[^}]*})? 2\\.0")
                .containsPattern("gateway_index_replica_in_rotation\\{[^}]*replica=\"" + b.url() + "\"[^}]*} 1\\.0")
                .containsPattern("pipeline_stalled(\\{[^}]*})? 0\\.0").contains("pipeline_last_progress_seconds");
    }

    @Test
    @Order(2)
    void aFrozenReplicaLeavesTheRotationWithinTheBudgetWhileEveryRequestSucceeds() throws Exception {
        assertThat(ok("/api/v1/movies/858").path("title").asString()).isEqualTo("Godfather, The");
        b.freeze();
        long frozen = System.nanoTime();
        for (int k = 1; k <= 6; k++) {
            long asked = System.nanoTime();
            assertThat(ok("/api/v1/movies/1221/similar?k=" + k).path("results").size()).isEqualTo(k);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("one attempt times out at most")
                    .isLessThan(Duration.ofMillis(1000).plus(SLACK));
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !replica(1).path("inRotation").asBoolean());
        Duration out = Duration.ofNanos(System.nanoTime() - frozen);
        log.info("frozen replica out of rotation after {} ms", out.toMillis());
        assertThat(out).isLessThan(BUDGET.plus(SLACK));
        JsonNode frozenReplica = replica(1);
        assertThat(frozenReplica.path("reason").asString()).containsAnyOf("no answer for", "not answering");
        assertThat(replica(0).path("inRotation").asBoolean()).isTrue();
        assertThat(status("/actuator/health/readiness")).as("one replica in rotation is enough").isEqualTo(200);
        assertThat(stack.get(stack.gatewayUrl() + "/actuator/prometheus").body())
                .containsPattern("gateway_index_replicas_in_rotation(\\{[^}]*})? 1\\.0");
        for (int k = 1; k <= 6; k++) {
            long asked = System.nanoTime();
            ok("/api/v1/movies/2571/similar?k=" + k);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("the frozen replica is not asked any more")
                    .isLessThan(Duration.ofMillis(1000));
        }
    }

    @Test
    @Order(3)
    void anEditIsVisibleWithinTheBudgetWhileAReplicaIsFrozen() throws Exception {
        long now = System.currentTimeMillis();
        MovieVector edited = new MovieVector(MovieVector.SCHEMA_VERSION, GODFATHER, "all-MiniLM-L6-v2/onnx-fp32",
                godfatherVector, "edited", "Godfather, The (restored)", 1972, List.of("Crime", "Drama"), null, now,
                SourceVersion.ofPostgresLsn(999_999), now, List.of("Francis Ford Coppola"), List.of("Marlon Brando"));
        stack.producer.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(), GODFATHER, edited))
                .get(30, TimeUnit.SECONDS);
        long sent = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(
                () -> ok("/api/v1/movies/858").path("title").asString().equals("Godfather, The (restored)"));
        Duration visible = Duration.ofNanos(System.nanoTime() - sent);
        log.info("edit visible through the gateway {} ms after it was acknowledged", visible.toMillis());
        assertThat(visible).as("index-service applies (poll 200 ms) + the gateway hears at once")
                .isLessThan(BUDGET.plus(SLACK));
        assertThat(ok("/api/v1/movies/858").path("title").asString()).as("and stays").isEqualTo("Godfather, The (restored)");
    }

    @Test
    @Order(4)
    void aThawedReplicaComesBackByItselfOnceCaughtUp() throws Exception {
        b.thaw();
        long thawed = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> replica(1).path("inRotation").asBoolean());
        log.info("thawed replica back in rotation after {} ms", Duration.ofNanos(System.nanoTime() - thawed).toMillis());
        assertThat(b.get("/internal/v1/movies/858")).as("it has the edit").contains("Godfather, The (restored)");
        JsonNode back = replica(1);
        if (!back.path("position").isNull() && !back.path("position").isMissingNode()) {
            assertThat(back.path("position").asLong()).as("caught up").isEqualTo(replica(0).path("position").asLong());
            assertThat(back.path("lag").asLong()).isZero();
        }
        assertThat(ok("/api/v1/status").path("replicasInRotation").asInt()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void bothFrozenIsA503WithRetryAfterAndReadinessOutAfterTheGraceThenBackByItself() throws Exception {
        a.freeze();
        b.freeze();
        long frozen = System.nanoTime();
        long asked = System.nanoTime();
        HttpResponse<String> refused = stack.get(stack.gatewayUrl() + "/api/v1/movies/6/similar?k=9");
        Duration took = Duration.ofNanos(System.nanoTime() - asked);
        log.info("503 after {} ms with both replicas frozen", took.toMillis());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(took).as("two attempts of 1 s at most").isLessThan(Duration.ofMillis(2000).plus(SLACK));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> status("/actuator/health/readiness") == 503);
        log.info("readiness OUT_OF_SERVICE {} ms after both froze", Duration.ofNanos(System.nanoTime() - frozen).toMillis());
        assertThat(Duration.ofNanos(System.nanoTime() - frozen)).as("not before the 3 s grace (counted from the"
                + " last time a replica was in rotation, up to the 1 s budget before the freeze took effect)")
                .isGreaterThan(Duration.ofMillis(2000));
        assertThat(stack.get(stack.gatewayUrl() + "/actuator/health/readiness").body()).contains("OUT_OF_SERVICE")
                .contains("no index-service replica in rotation");
        assertThat(status("/actuator/health/liveness")).as("a restart would not help").isEqualTo(200);
        JsonNode status = ok("/api/v1/status");
        assertThat(status.path("phase").asString()).isEqualTo("UNAVAILABLE");
        assertThat(status.path("live").asBoolean()).isFalse();
        assertThat(stack.get(stack.gatewayUrl() + "/actuator/prometheus").body())
                .containsPattern("pipeline_stalled(\\{[^}]*})? 1\\.0");

        a.thaw();
        b.thaw();
        long thawed = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> status("/actuator/health/readiness") == 200
                        && ok("/api/v1/status").path("replicasInRotation").asInt() == 2);
        log.info("both back in rotation {} ms after SIGCONT", Duration.ofNanos(System.nanoTime() - thawed).toMillis());
        assertThat(ok("/api/v1/movies/6/similar?k=9").path("results").size()).isEqualTo(9);
        assertThat(ok("/api/v1/status").path("live").asBoolean()).isTrue();
    }
}
