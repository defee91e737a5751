package io.movierecs.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service running as a child JVM from its executable jar, its output appended to {@code logs/<name>.log}.
 * {@link #stop()} asks it to shut down gracefully (SIGTERM, as Kubernetes does); {@link #kill()} is kill -9.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Service service;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(Service service, Path logFile, Process process) {
        this.service = service;
        this.logFile = logFile;
        this.process = process;
    }

    /** Starts {@code service} from {@code jar}; does not wait for it to be ready. */
    public static ServiceProcess start(Service service, Path jar, Path logDirectory) throws IOException {
        Files.createDirectories(logDirectory);
        Path logFile = logDirectory.resolve(service.name() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(service.jvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + service.port());
        command.add("--server.address=127.0.0.1");
        command.addAll(service.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(service.environment());
        log.debug("starting {}: {}", service.name(), command);
        return new ServiceProcess(service, logFile, builder.start());
    }

    /** Waits until the readiness probe answers UP; fails early if the process dies, pointing at its log. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(service.name() + " exited with status " + process.exitValue()
                        + " while starting; see " + logFile);
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IOException(service.name() + " was not ready after " + timeout.toSeconds() + " s; see " + logFile);
    }

    public Service service() {
        return service;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Graceful stop: SIGTERM, then kill -9 if it has not exited after 60 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
            log.warn("{} did not stop within {} s: killing it", service.name(), GRACE.toSeconds());
            kill();
        }
    }

    /** kill -9: no shutdown hooks, no final snapshot or commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
