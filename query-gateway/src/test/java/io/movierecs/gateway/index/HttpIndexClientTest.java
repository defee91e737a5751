package io.movierecs.gateway.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.movierecs.gateway.config.GatewayProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, timeouts and status mapping against small loopback HTTP servers standing in for replicas. */
class HttpIndexClientTest {

    private static final String MOVIE = "{\"movieId\":858,\"title\":\"Godfather, The\",\"year\":1972,"
            + "\"genres\":[\"Crime\"],\"directors\":[\"Francis Ford Coppola\"],\"extra\":1}";

    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();

    private String serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static HttpIndexClient client(int retries, String... urls) {
        return new HttpIndexClient(new GatewayProperties.IndexService(List.of(urls), 300, retries, 2));
    }

    @Test
    void aDeadReplicaIsSkippedForALiveOne() throws Exception {
        String live = serve(200, MOVIE);
        HttpIndexClient client = client(1, deadUrl(), live);
        for (int i = 0; i < 4; i++) {
            IndexMovie movie = client.movie(858, false);
            assertThat(movie.title()).isEqualTo("Godfather, The");
            assertThat(movie.directors()).containsExactly("Francis Ford Coppola");
            assertThat(movie.cast()).isEmpty();
        }
    }

    @Test
    void onlyReplicasInRotationAreAskedAndEachAnswerIsReported() throws Exception {
        String live = serve(200, "{\"generation\":4,\"position\":12,\"results\":[]}");
        HttpServer first = server;
        String other = serve(200, "{\"generation\":9,\"position\":99,\"results\":[]}");
        io.movierecs.gateway.rotation.Rotation rotation = new io.movierecs.gateway.rotation.Rotation(
                List.of(live, other), 1000, java.time.InstantSource.system());
        rotation.answered(0, new IndexState("LIVE", "IDMap,Flat", 3, 4, 0, true, 12L));
        rotation.failed(1);
        HttpIndexClient client = new HttpIndexClient(new GatewayProperties.IndexService(List.of(live, other), 300, 2, 2),
                rotation);
        try {
            for (int i = 0; i < 4; i++) {
                assertThat(client.similar(1, 5, Filters.NONE).position()).as("never the replica out of rotation")
                        .isEqualTo(12L);
            }
            assertThat(rotation.cacheVersion().position()).isEqualTo(12);
        } finally {
            first.stop(0);
        }
    }

    @Test
    void noReplicaAnsweringIsUnavailableQuickly() throws Exception {
        HttpIndexClient client = client(2, deadUrl(), deadUrl());
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.similar(1, 10, Filters.NONE)).isInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("after 3 attempts");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void serverErrorsAreRetriedClientErrorsAreNot() throws Exception {
        String failing = serve(500, "{}");
        assertThatThrownBy(() -> client(2, failing).state()).isInstanceOf(IndexUnavailableException.class);
        assertThat(hits.get()).isEqualTo(3);
        stop();

        hits.set(0);
        String missing = serve(404, "{\"detail\":\"no movie 7 in the index\"}");
        assertThatThrownBy(() -> client(2, missing).movie(7, false)).isInstanceOf(MovieNotFoundException.class)
                .hasMessage("no movie 7 in the index");
        assertThat(hits.get()).isEqualTo(1);
        stop();

        String refusing = serve(400, "{\"detail\":\"k must be between 1 and 1000\"}");
        assertThatThrownBy(() -> client(2, refusing).similar(1, 5000, Filters.NONE))
                .isInstanceOf(IndexRejectedException.class).hasMessageContaining("k must be");
    }

    @Test
    void aLongPollMayOutlastThePerAttemptTimeoutByItsWait() throws Exception {
        AtomicReference<String> query = new AtomicReference<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/v1/index", exchange -> {
            query.set(exchange.getRequestURI().getQuery());
            try {
                Thread.sleep(600); // index-service waiting for the generation to change: longer than the 300 ms timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = ("{\"phase\":\"LIVE\",\"factory\":\"IDMap,Flat\",\"ntotal\":3,\"generation\":6,"
                    + "\"newestSourceTsMs\":1000,\"ready\":true,\"offsets\":{\"0\":40,\"1\":2},\"position\":42,"
                    + "\"lastProgressAtMs\":1800000000000}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        HttpIndexClient client = client(0, "http://127.0.0.1:" + server.getAddress().getPort());

        IndexState state = client.stateAfter(5, 1000);
        assertThat(state.generation()).isEqualTo(6);
        assertThat(state.ready()).isTrue();
        assertThat(state.position()).as("the state contract's fields").isEqualTo(42L);
        assertThat(query.get()).isEqualTo("afterGeneration=5&waitMs=1000");
        assertThatThrownBy(client::state).as("a plain state call keeps the 300 ms timeout")
                .isInstanceOf(IndexUnavailableException.class);
    }
}
