package io.movierecs.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** Settings for a whole pipeline on free loopback ports, and reading the gateway's answers. */
final class TestStacks {

    private TestStacks() {
    }

    static LaunchSettings settings(Path dataDirectory) throws IOException {
        return new LaunchSettings(Path.of("..").toAbsolutePath().normalize(), dataDirectory, Services.ALL,
                new LaunchSettings.Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                        freePort()),
                Optional.empty(), Optional.empty());
    }

    /**
     * A fresh data directory under {@code target/e2e/NAME}: kept after the run, so the services' logs
     * ({@code logs/*.log}) are there to read when a test fails.
     */
    static Path dataDirectory(String name) throws IOException {
        Path directory = Path.of("target", "e2e", name).toAbsolutePath();
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return Files.createDirectories(directory);
    }

    /** Progress lines go to the test's output file. */
    static PrintStream out() {
        return System.out;
    }

    private static final Set<Integer> GIVEN = new HashSet<>();

    static synchronized int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (GIVEN.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    /** The movie ids of a list of results, whichever envelope holds them. */
    static List<Long> ids(JsonNode body) {
        JsonNode results = body.isArray() ? body : body.path("results");
        return StreamSupport.stream(results.spliterator(), false)
                .map(result -> result.has("id") ? result.path("id").asLong() : result.path("movieId").asLong())
                .toList();
    }
}
