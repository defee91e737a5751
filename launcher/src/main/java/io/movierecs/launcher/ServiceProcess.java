package io.movierecs.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service running as a supervised child JVM from its executable jar, its output appended to
 * {@code logs/<name>.log}. It is restarted when it exits unexpectedly (see {@link Supervised}).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Service service;
    private final Supervised process;

    private ServiceProcess(Service service, Supervised process) {
        this.service = service;
        this.process = process;
    }

    /** Starts {@code service} from {@code jar}; does not wait for it to be ready. */
    public static ServiceProcess start(Service service, Path jar, Path logDirectory) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ChildCommand.java());
        command.addAll(service.jvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + service.port());
        command.add("--server.address=127.0.0.1");
        command.addAll(service.arguments());
        Supervised process = new Supervised(new ChildCommand(service.name(), command, service.environment(),
                logDirectory.resolve(service.name() + ".log")));
        process.start();
        return new ServiceProcess(service, process);
    }

    /** Whether the readiness probe answers UP now. */
    public boolean isReady() {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the readiness probe answers UP. With {@code failOnExit} (the first start) it fails early when
     * the process exits, pointing at its log; otherwise it waits through the supervisor's restarts.
     */
    public void awaitReady(Duration timeout, boolean failOnExit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int exits = process.unexpectedExits();
        while (System.nanoTime() < deadline) {
            if (failOnExit && process.unexpectedExits() > exits) {
                throw new IOException(service.name() + " exited while starting; see " + process.logFile());
            }
            if (isReady()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException(service.name() + " was not ready after " + timeout.toSeconds() + " s; see "
                + process.logFile());
    }

    public Service service() {
        return service;
    }

    public Path logFile() {
        return process.logFile();
    }

    /** The supervised process: stop, kill -9, freeze, thaw, start. */
    public Supervised process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
