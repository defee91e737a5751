package io.movierecs.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.embedding.MiniLmEncoder;
import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import io.movierecs.events.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway against the real stack (broker, index-service with Faiss, the sample catalog embedded by the
 * real MiniLM), one stack for the class; index-service is stopped by the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long GODFATHER = 858;
    static final long GODFATHER_II = 1221;
    static final long GODFATHER_III = 2023;

    @TempDir
    static Path dataDir;
    static Stack stack;
    static float[] godfatherVector;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack();
        int count;
        try (MiniLmEncoder encoder = MiniLmEncoder.load()) {
            count = stack.produceSampleCatalog(encoder).size();
            godfatherVector = encoder.embed("The Godfather");
        }
        stack.startIndex(dataDir, count);
        stack.startGateway("--query-gateway.rate-limit.requests-per-second=0");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = stack.get(stack.gatewayUrl() + path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static List<Long> ids(JsonNode results) {
        List<Long> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.path("id").asLong()));
        return ids;
    }

    @Test
    @Order(1)
    void detailsAndSimilarMoviesWithReasons() throws Exception {
        JsonNode details = ok("/api/v1/movies/858");
        assertThat(details.path("title").asString()).isEqualTo("Godfather, The");
        assertThat(details.path("directors").toString()).contains("Francis Ford Coppola");

        JsonNode similar = ok("/api/v1/movies/858/similar?k=5");
        List<Long> ids = ids(similar.path("results"));
        assertThat(ids).hasSize(5).doesNotContain(GODFATHER).contains(GODFATHER_II);
        JsonNode sequel = similar.path("results").get(ids.indexOf(GODFATHER_II));
        assertThat(sequel.path("reason").asString()).isEqualTo("Also directed by Francis Ford Coppola");
        assertThat(sequel.path("score").asDouble()).isBetween(0.5, 1.0);
        assertThat(sequel.path("year").asInt()).isEqualTo(1974);
        assertThat(sequel.has("posterUrl")).isTrue();

        JsonNode dramas = ok("/api/v1/movies/858/similar?k=10&genre=war&yearFrom=1970&yearTo=1999");
        assertThat(dramas.path("results").size()).isPositive();
        dramas.path("results").forEach(r -> {
            assertThat(r.path("genres").toString()).contains("War");
            assertThat(r.path("year").asInt()).isBetween(1970, 1999);
        });
    }

    @Test
    @Order(2)
    void similarByTitleExactArticleFormsTyposAndYears() throws Exception {
        assertThat(ok("/api/v1/similar?title=The%20Godfather&k=3").path("movie").path("id").asLong())
                .isEqualTo(GODFATHER);
        assertThat(ok("/api/v1/similar?title=godfather,%20the").path("movie").path("id").asLong())
                .isEqualTo(GODFATHER);
        assertThat(ok("/api/v1/similar?title=The%20Godfather%20Part%20II").path("movie").path("id").asLong())
                .isEqualTo(GODFATHER_II);
        assertThat(ok("/api/v1/similar?title=The%20Godfather%20(1990)").path("movie").path("id").asLong())
                .as("the year picks Part III").isEqualTo(GODFATHER_III);
        assertThat(ok("/api/v1/similar?title=Matrix").path("movie").path("title").asString())
                .isEqualTo("Matrix, The");
        assertThat(ok("/api/v1/similar?title=The%20Shawshank%20Redemptoin").path("movie").path("title").asString())
                .as("best match for a typo").isEqualTo("Shawshank Redemption, The");

        HttpResponse<String> unknown = stack.get(stack.gatewayUrl() + "/api/v1/similar?title=Qwxyz%20Zzzz");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    @Order(3)
    void freeTextSearchFindsTheMeaning() throws Exception {
        JsonNode found = ok("/api/v1/search?q=" + java.net.URLEncoder.encode(
                "a mafia family saga about a crime dynasty and succession", java.nio.charset.StandardCharsets.UTF_8)
                + "&k=5");
        assertThat(ids(found.path("results"))).containsAnyOf(GODFATHER, GODFATHER_II, GODFATHER_III);

        JsonNode animated = ok("/api/v1/search?q=toys%20come%20alive&k=3");
        assertThat(animated.path("results").get(0).path("title").asString()).startsWith("Toy Story");
    }

    @Test
    @Order(4)
    void recommendationsFromLikedAndDislikedLeaveThemOut() throws Exception {
        HttpResponse<String> response = stack.post(stack.gatewayUrl() + "/api/v1/recommendations",
                "{\"liked\":[858,1221],\"disliked\":[1],\"k\":5}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(ids(results)).hasSize(5).doesNotContain(GODFATHER, GODFATHER_II, 1L).contains(GODFATHER_III);
        JsonNode third = results.get(ids(results).indexOf(GODFATHER_III));
        assertThat(third.path("reason").asString()).startsWith("Directed by Francis Ford Coppola, like");

        HttpResponse<String> unknown = stack.post(stack.gatewayUrl() + "/api/v1/recommendations",
                "{\"liked\":[987654321]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void autocompleteAndStatus() throws Exception {
        JsonNode titles = ok("/api/v1/titles?prefix=godf&limit=5");
        assertThat(ids(titles)).contains(GODFATHER, GODFATHER_II, GODFATHER_III);
        assertThat(ok("/api/v1/titles?prefix=the%20mat").get(0).path("title").asString()).isEqualTo("Matrix, The");

        JsonNode status = ok("/api/v1/status");
        assertThat(status.path("indexReachable").asBoolean()).isTrue();
        assertThat(status.path("ntotal").asLong()).isEqualTo(161);
        assertThat(status.path("generation").asLong()).isPositive();
        assertThat(status.path("newestChangeAgeSeconds").asDouble()).isBetween(0.0, 600.0);
    }

    @Test
    @Order(6)
    void badInputIsA400ProblemNeverA500() throws Exception {
        String longText = "x".repeat(501);
        for (String path : List.of("/api/v1/movies/858/similar?k=0", "/api/v1/movies/858/similar?k=101",
                "/api/v1/movies/858/similar?k=ten", "/api/v1/movies/abc", "/api/v1/search?q=", "/api/v1/search",
                "/api/v1/search?q=%20%20", "/api/v1/search?q=" + longText, "/api/v1/similar?title=",
                "/api/v1/movies/858/similar?yearFrom=2000&yearTo=1990", "/api/v1/titles?prefix=g&limit=0")) {
            HttpResponse<String> response = stack.get(stack.gatewayUrl() + path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(400);
        }
        for (String body : List.of("{\"liked\":[858", "{\"liked\":[]}", "{\"liked\":[\"x\"]}", "[]",
                "{\"liked\":[858],\"disliked\":[858]}", "{\"liked\":[858],\"k\":1000}")) {
            HttpResponse<String> response = stack.post(stack.gatewayUrl() + "/api/v1/recommendations", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        HttpResponse<String> unknown = stack.get(stack.gatewayUrl() + "/api/v1/movies/987654321");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("detail").asString()).contains("987654321");
    }

    @Test
    @Order(7)
    void anEditIsVisibleThroughTheCacheWithinASecondOrSo() throws Exception {
        assertThat(ok("/api/v1/movies/858").path("title").asString()).isEqualTo("Godfather, The");
        assertThat(ok("/api/v1/movies/858").path("title").asString()).as("cached").isEqualTo("Godfather, The");
        long now = System.currentTimeMillis();
        MovieVector edited = new MovieVector(MovieVector.SCHEMA_VERSION, GODFATHER, "all-MiniLM-L6-v2/onnx-fp32",
                godfatherVector, "edited", "Godfather, The (restored)", 1972, List.of("Crime", "Drama"),
                "https://posters.example/858.jpg", now, SourceVersion.ofPostgresLsn(999_999), now,
                List.of("Francis Ford Coppola"), List.of("Marlon Brando"));
        stack.producer.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(), GODFATHER, edited))
                .get(30, TimeUnit.SECONDS);
        long sent = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> ok("/api/v1/movies/858").path("title").asString().equals("Godfather, The (restored)"));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    @Order(8)
    void openApiActuatorAndRequestIds() throws Exception {
        JsonNode api = ok("/v3/api-docs");
        assertThat(api.path("paths").has("/api/v1/movies/{id}/similar")).isTrue();
        assertThat(api.path("paths").has("/api/v1/recommendations")).isTrue();

        assertThat(stack.get(stack.gatewayUrl() + "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(stack.get(stack.gatewayUrl() + "/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(stack.get(stack.gatewayUrl() + "/actuator/prometheus").body()).contains("http_server_requests");

        HttpResponse<String> generated = stack.get(stack.gatewayUrl() + "/api/v1/status");
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        HttpResponse<String> given = stack.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(stack.gatewayUrl() + "/api/v1/status")).header("X-Request-Id", "req-42").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("req-42");

        HttpResponse<String> page = stack.get(stack.gatewayUrl() + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("app.js");
    }

    @Test
    @Order(9)
    void noIndexReplicaMeansA503WithRetryAfterQuickly() throws Exception {
        stack.stopIndex();
        long started = System.nanoTime();
        HttpResponse<String> response = stack.get(stack.gatewayUrl() + "/api/v1/movies/1221/similar?k=7");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !ok("/api/v1/status").path("indexReachable").asBoolean());
    }
}
