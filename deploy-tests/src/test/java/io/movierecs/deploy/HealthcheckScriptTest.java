package io.movierecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker/healthcheck.sh (the images' HEALTHCHECK, bash only: the JRE image has no curl) against a real HTTP
 * server on loopback answering like Actuator's health groups.
 */
class HealthcheckScriptTest {

    private static final AtomicInteger STATUS = new AtomicInteger();
    private static final AtomicReference<String> BODY = new AtomicReference<>();
    private static final AtomicReference<String> PATH = new AtomicReference<>();
    private static HttpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            PATH.set(exchange.getRequestURI().getPath());
            byte[] body = BODY.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
            exchange.sendResponseHeaders(STATUS.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void healthyWhenReadinessIsUp() {
        answer(200, "{\"status\":\"UP\"}");

        assertThat(check().exitCode()).isZero();
        assertThat(PATH.get()).isEqualTo("/actuator/health/readiness");
    }

    @Test
    void unhealthyWhenDownEvenIfAComponentIsUp() {
        answer(503, "{\"status\":\"DOWN\",\"components\":{\"ping\":{\"status\":\"UP\"}}}");

        assertThat(check().exitCode()).isNotZero();
    }

    @Test
    void unhealthyWhenOutOfService() {
        answer(503, "{\"status\":\"OUT_OF_SERVICE\"}");

        assertThat(check().exitCode()).isNotZero();
    }

    @Test
    void unhealthyWhenNothingListens() {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Scripts.Run run = Scripts.bash(RepoFiles.DOCKER.resolve("healthcheck.sh"), Map.of(), 20,
                Integer.toString(closedPort));

        assertThat(run.exitCode()).isNotZero();
    }

    @Test
    void asksTheGivenPath() {
        answer(200, "{\"status\":\"UP\"}");

        Scripts.Run run = Scripts.bash(RepoFiles.DOCKER.resolve("healthcheck.sh"), Map.of(), 20,
                Integer.toString(server.getAddress().getPort()), "/actuator/health/liveness");

        assertThat(run.exitCode()).isZero();
        assertThat(PATH.get()).isEqualTo("/actuator/health/liveness");
    }

    private static void answer(int status, String body) {
        STATUS.set(status);
        BODY.set(body);
    }

    private static Scripts.Run check() {
        return Scripts.bash(RepoFiles.DOCKER.resolve("healthcheck.sh"), Map.of(), 20,
                Integer.toString(server.getAddress().getPort()));
    }
}
