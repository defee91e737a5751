package io.movierecs.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The four services of the embedded default, wired to the local catalog, broker and data directory. */
public final class Services {

    public static final String CATALOG_CDC = "catalog-cdc";
    public static final String EMBEDDING_WORKER = "embedding-worker";
    public static final String INDEX_SERVICE = "index-service";
    public static final String QUERY_GATEWAY = "query-gateway";

    /** Start order; stop order is the reverse. */
    public static final List<String> ALL = List.of(CATALOG_CDC, EMBEDDING_WORKER, INDEX_SERVICE, QUERY_GATEWAY);

    private Services() {
    }

    static Service define(String name, LaunchSettings settings, String bootstrapServers) {
        LaunchSettings.Ports ports = settings.ports();
        Path data = settings.dataDirectory().toAbsolutePath();
        Map<String, String> environment = new HashMap<>();
        environment.put("ENGINE_CACHE_DIR", data.resolve("djl-cache").toString());
        return switch (name) {
            case CATALOG_CDC -> new Service(name, ports.catalogCdc(), List.of("-Xmx384m"), environment, List.of(
                    "--catalog-cdc.database.port=" + ports.catalog(),
                    "--catalog-cdc.kafka.bootstrap-servers=" + bootstrapServers));
            case EMBEDDING_WORKER -> new Service(name, ports.embeddingWorker(), List.of("-Xmx1g"), environment,
                    List.of("--embedding-worker.bootstrap-servers=" + bootstrapServers,
                            "--embedding-worker.state-dir=" + data.resolve("embedding-worker")));
            case INDEX_SERVICE -> indexService(settings, bootstrapServers, environment);
            case QUERY_GATEWAY -> new Service(name, ports.gateway(), List.of("-Xmx768m"), environment, List.of(
                    "--query-gateway.index-service.urls=http://127.0.0.1:" + ports.indexService()));
            default -> throw new IllegalArgumentException("no service named " + name + "; services: " + ALL);
        };
    }

    private static Service indexService(LaunchSettings settings, String bootstrapServers,
            Map<String, String> environment) {
        // one Faiss thread per search: spinning OpenMP workers wreck p99 on a small machine (faiss-jni README)
        environment.put("OMP_NUM_THREADS", "1");
        environment.put("OMP_WAIT_POLICY", "PASSIVE");
        environment.put("OPENBLAS_NUM_THREADS", "1");
        List<String> arguments = new ArrayList<>(List.of(
                "--index-service.kafka.bootstrap-servers=" + bootstrapServers,
                "--index-service.snapshot.dir=" + settings.dataDirectory().toAbsolutePath()
                        .resolve("index-service").resolve("snapshots")));
        settings.mlflowTrackingUri().ifPresent(uri -> {
            arguments.add("--index-service.snapshot.store=mlflow");
            arguments.add("--index-service.mlflow.tracking-uri=" + uri);
        });
        return new Service(INDEX_SERVICE, settings.ports().indexService(), List.of("-Xmx1g"), environment,
                arguments);
    }

    /** The executable jar the build made for {@code module}, e.g. {@code index-service/target/*-exec.jar}. */
    static Path jar(Path home, String module) throws IOException {
        Path target = home.resolve(module).resolve("target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        throw new IOException("no executable jar for " + module + " under " + target + ": build it with"
                + " ./mvnw -pl " + module + " -am package -DskipTests (./movie-recs run does this for you)");
    }
}
