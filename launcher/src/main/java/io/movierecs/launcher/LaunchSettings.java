package io.movierecs.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ./movie-recs run} starts and where: the data directory (kept between runs), the ports, an optional
 * MovieLens directory to import and an optional MLflow tracking server for the index snapshots.
 *
 * @param home the repository root (the services' jars are built under it)
 * @param dataDirectory catalog, broker log, worker state, snapshots and logs live below it
 * @param services the services to start, in start order (all four by default)
 * @param ports every port the pipeline listens on, all on 127.0.0.1
 * @param dataset a MovieLens directory imported once on top of the sample catalog
 * @param mlflowTrackingUri where index-service publishes its snapshots, if set
 */
public record LaunchSettings(Path home, Path dataDirectory, List<String> services, Ports ports, Optional<Path> dataset,
        Optional<String> mlflowTrackingUri) {

    /**
     * The ports: the gateway (the web page), the three other services, the catalog PostgreSQL, and the Kafka
     * broker with its KRaft controller.
     */
    public record Ports(int gateway, int catalogCdc, int embeddingWorker, int indexService, int catalog, int kafka,
            int kafkaController) {

        public static Ports defaults() {
            return new Ports(8080, 8081, 8082, 8083, 54329, 9092, 9093);
        }
    }

    public LaunchSettings {
        services = List.copyOf(services);
    }

    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }
}
