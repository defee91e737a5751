package io.movierecs.index.it;

import static org.awaitility.Awaitility.await;

import io.movierecs.index.IndexServiceApplication;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** index-service in a child JVM, so a test can kill it with SIGKILL. Output goes to a log file. */
final class ChildService implements AutoCloseable {

    private final Process process;
    private final Path log;
    final Http http;

    private ChildService(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.http = Http.local(port);
    }

    static ChildService start(Path log, String... args) throws IOException {
        int port = Http.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-cp", classpath(), IndexServiceApplication.class.getName(),
                "--server.port=" + port, "--spring.main.banner-mode=off"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        return new ChildService(builder.start(), log, port);
    }

    /** The test class path (failsafe passes it to the forked JVM). */
    static String classpath() {
        String path = System.getProperty("surefire.test.class.path");
        return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
    }

    /** Waits until the readiness probe says UP; fails at once if the process dies. */
    ChildService awaitReady(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("index-service exited with " + process.exitValue() + "; log:\n" + tail());
            }
            return http.status("/actuator/health/readiness") == 200;
        });
        return this;
    }

    /** kill -9: no shutdown hook, no shutdown snapshot, no consumer close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(File.separator.equals("/") ? "\n" : "\r\n",
                    lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
