package io.movierecs.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployment files are, relative to the repository root (this module's parent folder). */
final class RepoFiles {

    static final Path ROOT = findRoot();
    static final Path CHART = ROOT.resolve("helm/movie-recs");
    static final Path AKS_VALUES = CHART.resolve("values-aks.yaml");
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path DOCKER = ROOT.resolve("docker");

    /** The four services: module folder, Dockerfile folder and image name alike. */
    static final String[] SERVICES = {"catalog-cdc", "embedding-worker", "index-service", "query-gateway"};

    private RepoFiles() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
