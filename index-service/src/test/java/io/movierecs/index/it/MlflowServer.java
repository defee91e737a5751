package io.movierecs.index.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MLflow tracking server as a child process on a free loopback port: sqlite backend, artifacts served
 * by the server itself ({@code --serve-artifacts}) from a folder. The venv comes from {@code MLFLOW_VENV}
 * (default {@code ~/.cache/movie-recs/mlflow-venv}); without mlflow there the test fails saying how to
 * install it.
 */
final class MlflowServer implements AutoCloseable {

    static final String INSTALL = "index-service/src/test/python/setup-mlflow-venv.sh   (or: python3 -m venv "
            + "~/.cache/movie-recs/mlflow-venv && ~/.cache/movie-recs/mlflow-venv/bin/pip install -r "
            + "index-service/src/test/python/requirements.txt)";

    private final Process process;
    private final Path log;
    final String uri;
    final Http http;

    private MlflowServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.uri = "http://127.0.0.1:" + port;
        this.http = Http.local(port);
    }

    static Path venv() {
        String configured = System.getenv("MLFLOW_VENV");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "movie-recs", "mlflow-venv");
    }

    /** Starts the server; call {@link #awaitHealthy} before using it. */
    static MlflowServer start(Path dir, Path log) throws IOException {
        return start(dir, log, Http.freePort());
    }

    /** Starts the server on {@code port} (e.g. again after a stop, same data). */
    static MlflowServer start(Path dir, Path log, int port) throws IOException {
        Path mlflow = venv().resolve("bin").resolve("mlflow");
        if (!Files.isExecutable(mlflow)) {
            throw new AssertionError("MLflow is not installed in " + venv() + " (set MLFLOW_VENV to another venv). "
                    + "Install it from the repository root with:\n  " + INSTALL);
        }
        Files.createDirectories(dir);
        List<String> command = List.of(mlflow.toString(), "server",
                "--backend-store-uri", "sqlite:///" + dir.resolve("mlflow.db").toAbsolutePath(),
                "--serve-artifacts", "--artifacts-destination", dir.resolve("artifacts").toAbsolutePath().toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--workers", "1");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // no server-side job runner (its workers take a core for a minute at start-up), no telemetry
        builder.environment().put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
        builder.environment().put("MLFLOW_DISABLE_TELEMETRY", "true");
        builder.environment().put("DO_NOT_TRACK", "true");
        Process process = builder.start();
        return new MlflowServer(process, log, port);
    }

    MlflowServer awaitHealthy(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("mlflow server exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            return http.status("/health") == 200;
        });
        return this;
    }

    int port() {
        return Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
    }

    /** SIGSTOP to the server and its workers: connections stay open, nothing answers. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + name, Long.toString(process.pid())));
        process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    /** Stops the server and its workers. */
    @Override
    public void close() throws InterruptedException {
        try {
            thaw(); // a frozen server would not act on SIGTERM
        } catch (IOException e) {
            // it is gone already
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
                child.destroyForcibly();
                return child;
            }).join();
        }
    }
}
