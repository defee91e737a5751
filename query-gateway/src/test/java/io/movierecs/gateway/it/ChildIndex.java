package io.movierecs.gateway.it;

import static org.awaitility.Awaitility.await;

import io.movierecs.index.IndexServiceApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One index-service replica in a child JVM (index-service's classes are on this module's test class path), so a
 * test can freeze it with SIGSTOP and thaw it with SIGCONT. Output goes to a log file.
 */
final class ChildIndex implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChildIndex(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts a replica reading {@code servers}' movie-vectors, with its snapshots under {@code dataDir}. */
    static ChildIndex start(String servers, Path dataDir, Path log) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath(),
                IndexServiceApplication.class.getName(), "--spring.config.name=index-service-it",
                "--server.port=" + port, "--spring.main.banner-mode=off", "--spring.mvc.problemdetails.enabled=true",
                "--index-service.kafka.bootstrap-servers=" + servers,
                "--index-service.snapshot.dir=" + dataDir.resolve("snapshots"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        return new ChildIndex(builder.start(), log, port);
    }

    /** The test class path (failsafe passes it to the forked JVM). */
    private static String classpath() {
        String path = System.getProperty("surefire.test.class.path");
        return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until it serves {@code expected} movies; fails at once if the process dies. */
    void awaitMovies(long expected, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("index-service exited with " + process.exitValue() + "; log:\n" + tail());
            }
            return ntotal() >= expected;
        });
    }

    private long ntotal() {
        try {
            String body = get("/internal/v1/index");
            int at = body.indexOf("\"ntotal\":");
            return at < 0 ? -1 : Long.parseLong(body.substring(at + 9).split("[,}]")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A GET straight to the replica (2 s timeout). */
    String get(String path) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** SIGSTOP: the process keeps its sockets (connections are accepted by the kernel) but answers nothing. */
    void freeze() throws Exception {
        signal("-STOP");
    }

    /** SIGCONT. */
    void thaw() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            thaw();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
