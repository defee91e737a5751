package io.movierecs.index.mlflow;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.snapshot.SnapshotFolder;
import io.movierecs.index.snapshot.SnapshotManifest;
import io.movierecs.index.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Snapshots as MLflow runs and registered model versions. Publishing: a run in the experiment with params
 * (factory, nlist, nprobe, modelId, snapshotId, dimension) and metrics (ntotal, build_seconds, recall_at_10,
 * generation), the snapshot files as artifacts under {@code snapshot/}, a new version of the registered model
 * whose source is that folder, and the alias moved to it. Restoring: the version the alias names.
 */
public final class MlflowSnapshotStore implements SnapshotStore {

    private static final Logger log = LoggerFactory.getLogger(MlflowSnapshotStore.class);
    static final String ARTIFACT_DIR = "snapshot";
    private static final List<String> FILES = List.of(SnapshotManifest.INDEX_FILE, SnapshotManifest.MOVIES_FILE,
            SnapshotManifest.MANIFEST_FILE);

    private final IndexProperties.Mlflow config;
    private final MlflowRest rest;

    public MlflowSnapshotStore(IndexProperties.Mlflow config) {
        if (config.trackingUri() == null || config.trackingUri().isBlank()) {
            throw new IllegalArgumentException("index-service.snapshot.store is mlflow but "
                    + "index-service.mlflow.tracking-uri is not set");
        }
        this.config = config;
        this.rest = new MlflowRest(config.trackingUri(), Duration.ofMillis(config.timeoutMs()));
    }

    @Override
    public String name() {
        return "mlflow";
    }

    @Override
    public String publish(Path folder, SnapshotManifest manifest) throws IOException {
        String experimentId = experimentId();
        JsonNode run = rest.post("/api/2.0/mlflow/runs/create", Map.of("experiment_id", experimentId,
                "run_name", "snapshot-" + manifest.id(), "start_time", System.currentTimeMillis())).path("run");
        String runId = run.path("info").path("run_id").asString();
        String artifactUri = run.path("info").path("artifact_uri").asString();
        try {
            logRun(runId, manifest);
            String artifacts = MlflowRest.artifactPath(artifactUri) + "/" + ARTIFACT_DIR + "/";
            for (String file : FILES) {
                rest.putArtifact(artifacts + file, folder.resolve(file));
            }
            terminate(runId, "FINISHED");
        } catch (IOException | RuntimeException e) {
            try {
                terminate(runId, "FAILED");
            } catch (IOException | RuntimeException ignored) {
                // MLflow is likely down: the run stays RUNNING there, the next attempt makes a new one
            }
            throw e;
        }
        String version = register(runId, artifactUri + "/" + ARTIFACT_DIR);
        return "MLflow run " + runId + ", " + config.registeredModel() + " version " + version + " @" + config.alias();
    }

    private void terminate(String runId, String status) throws IOException {
        rest.post("/api/2.0/mlflow/runs/update", Map.of("run_id", runId, "status", status,
                "end_time", System.currentTimeMillis()));
    }

    /**
     * The experiment's id, created if missing. Plain REST: mlflow-client 2.17.2's getExperimentByName retries
     * the 404 of a missing experiment as if it were rate limiting, with back-off.
     */
    private String experimentId() throws IOException {
        try {
            return rest.get("/api/2.0/mlflow/experiments/get-by-name", Map.of("experiment_name", config.experiment()))
                    .path("experiment").path("experiment_id").asString();
        } catch (MlflowRest.MlflowException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
        try {
            return rest.post("/api/2.0/mlflow/experiments/create", Map.of("name", config.experiment()))
                    .path("experiment_id").asString();
        } catch (MlflowRest.MlflowException e) {
            if (!e.alreadyExists()) {
                throw e;
            }
            return experimentId();
        }
    }

    /** Params, metrics and the run name in one {@code runs/log-batch} call. */
    private void logRun(String runId, SnapshotManifest m) throws IOException {
        long now = System.currentTimeMillis();
        List<Map<String, String>> params = List.of(param("factory", m.factory()),
                param("nlist", Integer.toString(m.nlist())), param("nprobe", Integer.toString(m.nprobe())),
                param("modelId", m.modelId()), param("snapshotId", m.id()),
                param("dimension", Integer.toString(m.dimension())));
        List<Map<String, Object>> metrics = List.of(metric("ntotal", m.ntotal(), now),
                metric("build_seconds", m.buildSeconds(), now), metric("recall_at_10", m.recallAt10(), now),
                metric("generation", m.generation(), now));
        rest.post("/api/2.0/mlflow/runs/log-batch", Map.of("run_id", runId, "params", params, "metrics", metrics,
                "tags", List.of(param("mlflow.runName", "snapshot-" + m.id()))));
    }

    private static Map<String, String> param(String key, String value) {
        return Map.of("key", key, "value", value == null ? "" : value);
    }

    private static Map<String, Object> metric(String key, double value, long timestamp) {
        return Map.of("key", key, "value", value, "timestamp", timestamp, "step", 0);
    }

    private String register(String runId, String source) throws IOException {
        try {
            rest.post("/api/2.0/mlflow/registered-models/create", Map.of("name", config.registeredModel()));
        } catch (MlflowRest.MlflowException e) {
            if (!e.alreadyExists()) {
                throw e;
            }
        }
        JsonNode created = rest.post("/api/2.0/mlflow/model-versions/create",
                Map.of("name", config.registeredModel(), "source", source, "run_id", runId));
        String version = created.path("model_version").path("version").asString();
        rest.post("/api/2.0/mlflow/registered-models/alias",
                Map.of("name", config.registeredModel(), "alias", config.alias(), "version", version));
        return version;
    }

    @Override
    public Optional<String> fetchNewer(SnapshotFolder local, Optional<String> newestLocalId) throws IOException {
        JsonNode version;
        try {
            version = rest.get("/api/2.0/mlflow/registered-models/alias",
                    Map.of("name", config.registeredModel(), "alias", config.alias())).path("model_version");
        } catch (MlflowRest.MlflowException e) {
            if (e.notFound()) {
                log.info("MLflow has no {}@{} yet", config.registeredModel(), config.alias());
                return Optional.empty();
            }
            throw e;
        }
        String source = MlflowRest.artifactPath(version.path("source").asString()) + "/";
        Path temp = Files.createTempDirectory(Files.createDirectories(local.dir()), ".tmp-mlflow-");
        try {
            rest.getArtifact(source + SnapshotManifest.MANIFEST_FILE, temp.resolve(SnapshotManifest.MANIFEST_FILE));
            SnapshotManifest manifest = SnapshotFolder.manifestIn(temp);
            if (newestLocalId.isPresent() && newestLocalId.get().compareTo(manifest.id()) >= 0) {
                log.info("{}@{} version {} is snapshot {}; the local {} is as new", config.registeredModel(),
                        config.alias(), version.path("version").asString(), manifest.id(), newestLocalId.get());
                return Optional.empty();
            }
            for (String file : List.of(SnapshotManifest.INDEX_FILE, SnapshotManifest.MOVIES_FILE)) {
                rest.getArtifact(source + file, temp.resolve(file));
            }
            local.adopt(temp, manifest.id());
            return Optional.of(manifest.id());
        } finally {
            SnapshotFolder.deleteTree(temp);
        }
    }
}
