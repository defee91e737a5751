package io.movierecs.index.it;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.events.MovieVector;
import io.movierecs.index.IndexServiceApplication;
import io.movierecs.index.support.ClusteredVectors;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A real MLflow server stopped, then frozen (SIGSTOP): publishing fails within the timeout, the snapshot stays
 * local, ingest goes on, publishing is retried and succeeds once MLflow is back; a restart with MLflow frozen
 * restores from the local folder within a bounded time.
 */
class MlflowFaultIT {

    static final int DIM = 16;
    static final String TOKEN = "t";
    static final ClusteredVectors VECTORS = new ClusteredVectors(DIM, 10, 11);

    @TempDir
    static Path dir;

    static MlflowServer mlflow;
    static Kafka kafka;

    @BeforeAll
    static void startServers() throws Exception {
        mlflow = MlflowServer.start(dir.resolve("mlflow"), Path.of("target", "mlflow-fault-server.log"));
        kafka = new Kafka(1);
        mlflow.awaitHealthy(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (mlflow != null) {
            mlflow.close();
        }
    }

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(IndexServiceApplication.class).run("--server.port=0",
                "--index-service.dimension=" + DIM,
                "--index-service.kafka.bootstrap-servers=" + kafka.servers(),
                "--index-service.snapshot.dir=" + dir.resolve("data"),
                "--index-service.snapshot.store=mlflow",
                "--index-service.mlflow.tracking-uri=" + mlflow.uri,
                "--index-service.mlflow.timeout-ms=2000",
                "--index-service.health.probe-interval-ms=500",
                "--index-service.admin.token=" + TOKEN);
    }

    static Http http(ConfigurableApplicationContext app) {
        Http http = Http.local(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        await().atMost(Duration.ofMinutes(1)).until(() -> http.status("/actuator/health/readiness") == 200);
        return http;
    }

    static void send(long from, long to) throws Exception {
        List<MovieVector> batch = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            batch.add(movie(id, 1, VECTORS.next()));
        }
        kafka.sendAll(batch);
    }

    @Test
    void mlflowStoppedThenFrozenNeverStopsIngestAndPublishingCatchesUp() throws Exception {
        send(1, 50);
        ConfigurableApplicationContext app = start();
        Http http = http(app);
        int port = mlflow.port();

        mlflow.close();
        long asked = System.nanoTime();
        HttpResponse<String> failed = http.post("/admin/v1/snapshot", "", "X-Admin-Token", TOKEN);
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(15));
        JsonNode state = http.json("/internal/v1/index");
        assertThat(state.path("snapshot").path("id").asString()).as("kept locally").isNotBlank();
        assertThat(state.path("snapshot").path("publishError").asString()).isNotBlank();
        send(51, 60);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.json("/internal/v1/index").path("ntotal").asLong() == 60);

        mlflow = MlflowServer.start(dir.resolve("mlflow"), Path.of("target", "mlflow-fault-server.log"), port)
                .awaitHealthy(Duration.ofMinutes(3));
        await().atMost(Duration.ofMinutes(2)).until(() -> http.json("/internal/v1/index").path("snapshot")
                .path("publishedTo").asString("").contains("@current"));

        mlflow.freeze();
        asked = System.nanoTime();
        failed = http.post("/admin/v1/snapshot", "", "X-Admin-Token", TOKEN);
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("bounded by the timeout")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(http.status("/actuator/health/readiness")).isEqualTo(200);
        String local = http.json("/internal/v1/index").path("snapshot").path("id").asString();
        app.close();

        long restarting = System.nanoTime();
        ConfigurableApplicationContext restarted = start();
        try {
            Http again = http(restarted);
            assertThat(Duration.ofNanos(System.nanoTime() - restarting)).as("restore with MLflow frozen")
                    .isLessThan(Duration.ofSeconds(45));
            JsonNode restored = again.json("/internal/v1/index");
            assertThat(restored.path("snapshot").path("id").asString()).isGreaterThanOrEqualTo(local);
            assertThat(restored.path("ntotal").asLong()).isEqualTo(60);
            mlflow.thaw();
            HttpResponse<String> published = again.post("/admin/v1/snapshot", "", "X-Admin-Token", TOKEN);
            assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        } finally {
            mlflow.thaw();
            restarted.close();
        }
    }
}
