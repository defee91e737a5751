package io.movierecs.index.it;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.events.MovieVector;
import io.movierecs.index.IndexServiceApplication;
import io.movierecs.index.support.ClusteredVectors;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Snapshots to a real MLflow tracking server: a run per snapshot with params, metrics and the files as
 * artifacts, a registered model version per snapshot with the alias moved to it; and a replica with an empty
 * data directory restoring from the version the alias names.
 */
class MlflowSnapshotIT {

    static final int DIM = 32;
    static final String MODEL = "movie-vectors-index";
    static final String TOKEN = "admin-token";

    @TempDir
    static Path dir;

    static MlflowServer mlflow;
    static Kafka kafka;

    @BeforeAll
    static void startServers() throws Exception {
        mlflow = MlflowServer.start(dir.resolve("mlflow"), Path.of("target", "mlflow-server.log"));
        kafka = new Kafka(2);
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

    static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(IndexServiceApplication.class).run("--server.port=0",
                "--index-service.dimension=" + DIM,
                "--index-service.kafka.bootstrap-servers=" + kafka.servers(),
                "--index-service.snapshot.dir=" + dataDir,
                "--index-service.snapshot.store=mlflow",
                "--index-service.mlflow.tracking-uri=" + mlflow.uri,
                "--index-service.index.train-threshold=300",
                "--index-service.admin.token=" + TOKEN);
    }

    /** The service's client, once it is ready (restored and caught up). */
    static Http http(ConfigurableApplicationContext app) {
        Http http = Http.local(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        await().atMost(Duration.ofMinutes(1)).until(() -> http.status("/actuator/health/readiness") == 200);
        return http;
    }

    @Test
    void snapshotsBecomeRunsAndModelVersionsAndAnEmptyReplicaRestoresFromMlflow() throws Exception {
        ClusteredVectors vectors = new ClusteredVectors(DIM, 20, 5);
        List<MovieVector> batch = new ArrayList<>();
        for (long id = 1; id <= 400; id++) {
            batch.add(movie(id, 10, vectors.next()));
        }
        kafka.sendAll(batch);

        ConfigurableApplicationContext first = start(dir.resolve("replica-a"));
        Http a = http(first);
        await().atMost(Duration.ofMinutes(1))
                .until(() -> a.json("/internal/v1/index").path("factory").asString().startsWith("IVF"));
        var forced = a.post("/admin/v1/snapshot", "", "X-Admin-Token", TOKEN);
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
        String firstId = Http.JSON.readTree(forced.body()).path("snapshot").path("id").asString();
        assertThat(Http.JSON.readTree(forced.body()).path("snapshot").path("publishedTo").asString())
                .contains("movie-vectors-index version 1 @current");

        JsonNode version1 = aliasVersion();
        assertThat(version1.path("version").asString()).isEqualTo("1");
        JsonNode run = mlflow.http.json("/api/2.0/mlflow/runs/get?run_id=" + version1.path("run_id").asString())
                .path("run");
        Map<String, String> params = pairs(run.path("data").path("params"));
        Map<String, String> metrics = pairs(run.path("data").path("metrics"));
        assertThat(params).containsEntry("snapshotId", firstId).containsEntry("modelId", "all-MiniLM-L6-v2/onnx-fp32")
                .containsKeys("factory", "nlist", "nprobe");
        assertThat(params.get("factory")).startsWith("IVF");
        assertThat(Double.parseDouble(metrics.get("ntotal"))).isEqualTo(400);
        assertThat(Double.parseDouble(metrics.get("recall_at_10"))).isGreaterThanOrEqualTo(0.9);
        assertThat(metrics).containsKey("build_seconds");
        assertThat(run.path("info").path("status").asString()).isEqualTo("FINISHED");
        assertThat(artifactNames(run.path("info").path("artifact_uri").asString()))
                .containsExactlyInAnyOrder("index.faiss", "movies.bin", "manifest.json");

        kafka.tombstone(3);
        List<MovieVector> more = new ArrayList<>();
        for (long id = 401; id <= 450; id++) {
            more.add(movie(id, 10, vectors.next()));
        }
        kafka.sendAll(more);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.json("/internal/v1/index").path("ntotal").asLong() == 449);
        first.close();
        JsonNode version2 = aliasVersion();
        assertThat(version2.path("version").asString()).as("the shutdown snapshot moved the alias").isEqualTo("2");

        Path empty = dir.resolve("replica-b");
        ConfigurableApplicationContext second = start(empty);
        try {
            Http b = http(second);
            JsonNode state = b.json("/internal/v1/index");
            String restoredId = pairs(mlflow.http.json("/api/2.0/mlflow/runs/get?run_id="
                    + version2.path("run_id").asString()).path("run").path("data").path("params")).get("snapshotId");
            assertThat(state.path("snapshot").path("id").asString()).isEqualTo(restoredId);
            assertThat(Files.isDirectory(empty.resolve(restoredId))).isTrue();
            assertThat(state.path("ntotal").asLong()).isEqualTo(449);
            assertThat(state.path("factory").asString()).startsWith("IVF");
            assertThat(b.status("/internal/v1/movies/3")).isEqualTo(404);
            assertThat(b.json("/internal/v1/movies/450/similar?k=5").path("results")).hasSize(5);
        } finally {
            second.close();
        }
    }

    private static JsonNode aliasVersion() {
        return mlflow.http.json("/api/2.0/mlflow/registered-models/alias?name=" + MODEL + "&alias=current")
                .path("model_version");
    }

    private static List<String> artifactNames(String artifactUri) {
        String path = artifactUri.replaceFirst("^mlflow-artifacts:/+", "") + "/snapshot";
        List<String> names = new ArrayList<>();
        mlflow.http.json("/api/2.0/mlflow-artifacts/artifacts?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                .path("files").forEach(f -> names.add(f.path("path").asString()));
        return names;
    }

    private static Map<String, String> pairs(JsonNode list) {
        Map<String, String> map = new HashMap<>();
        list.forEach(p -> map.put(p.path("key").asString(), p.path("value").asString()));
        return map;
    }
}
