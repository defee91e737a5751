package io.movierecs.gateway.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.movierecs.gateway.cache.AnswerCache;
import io.movierecs.gateway.config.GatewayProperties;
import io.movierecs.gateway.index.HttpIndexClient;
import io.movierecs.gateway.index.IndexClient;
import io.movierecs.gateway.rotation.ReplicaWatches;
import io.movierecs.gateway.rotation.Rotation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's whole index path (HTTP client, one watch per replica, rotation, cache, recommender) over two
 * loopback servers that speak index-service's state contract ({@code ready}, {@code position}, the long poll):
 * what the real replicas in {@code ReplicasIT} cannot show until index-service reports positions.
 */
class LaggingReplicaTest {

    /** A replica holding one movie whose title changes with each applied edit. */
    static final class Replica {
        final HttpServer server;
        volatile String title = "Old";
        volatile long generation = 1;
        volatile long position = 10;
        volatile boolean ready = true;

        Replica() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/v1/index", this::state);
            server.createContext("/internal/v1/movies/1", exchange -> send(exchange, "{\"movieId\":1,\"title\":\""
                    + title + "\",\"year\":1999,\"genres\":[\"Drama\"]}"));
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        synchronized void apply(String newTitle) {
            title = newTitle;
            generation++;
            position++;
            notifyAll();
        }

        synchronized void notReady() {
            ready = false;
            generation++;
            notifyAll();
        }

        private void state(HttpExchange exchange) throws IOException {
            String query = exchange.getRequestURI().getQuery();
            if (query != null && query.startsWith("afterGeneration=")) {
                long after = Long.parseLong(query.split("[=&]")[1]);
                long waitMs = Long.parseLong(query.split("[=&]")[3]);
                synchronized (this) {
                    long until = System.currentTimeMillis() + waitMs;
                    while (generation == after && System.currentTimeMillis() < until) {
                        try {
                            wait(Math.max(1, until - System.currentTimeMillis()));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
            }
            send(exchange, "{\"phase\":\"LIVE\",\"factory\":\"IDMap,Flat\",\"ntotal\":1,\"generation\":" + generation
                    + ",\"newestSourceTsMs\":1000,\"ready\":" + ready + ",\"offsets\":{\"0\":" + position
                    + "},\"position\":" + position + "}");
        }

        private static void send(HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }

    private Replica a;
    private Replica b;
    private ReplicaWatches watches;

    @AfterEach
    void stop() {
        if (watches != null) {
            watches.close();
        }
        for (Replica replica : new Replica[] {a, b}) {
            if (replica != null) {
                replica.server.stop(0);
            }
        }
    }

    @Test
    void anEditOnOneReplicaIsNeverHiddenAndTheLaggingReplicaLeavesAndComesBack() throws Exception {
        a = new Replica();
        b = new Replica();
        GatewayProperties.IndexService config = new GatewayProperties.IndexService(List.of(a.url(), b.url()), 500, 2, 2);
        Rotation rotation = new Rotation(config.urls(), 1000, InstantSource.system());
        List<IndexClient> singles = IntStream.range(0, 2)
                .mapToObj(i -> (IndexClient) HttpIndexClient.single(config, i)).toList();
        watches = new ReplicaWatches(rotation, singles, 500, 25);
        IndexClient index = new HttpIndexClient(config, rotation);
        QueryEncoder encoder = text -> new float[] {1f};
        Recommender cached = new Recommender(index, encoder,
                new AnswerCache(new GatewayProperties.Cache(true, 100, 1000, 60_000, 25), rotation), rotation);
        Recommender uncached = new Recommender(index, encoder,
                new AnswerCache(new GatewayProperties.Cache(false, 100, 1000, 60_000, 25), rotation), rotation);
        watches.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> rotation.inRotation(0) && rotation.inRotation(1));
        assertThat(cached.details(1).title()).isEqualTo("Old");
        assertThat(cached.details(1).title()).as("cached at position 10").isEqualTo("Old");

        a.apply("New");
        long applied = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                .until(() -> rotation.cacheVersion().position() == 11);
        for (int i = 0; i < 20; i++) {
            assertThat(cached.details(1).title()).as("the cache moved to position 11").isEqualTo("New");
            assertThat(uncached.details(1).title()).as("calls go to the replica at the highest position first")
                    .isEqualTo("New");
        }
        assertThat(rotation.view().get(1).lag()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10)).until(() -> !rotation.inRotation(1));
        assertThat(Duration.ofNanos(System.nanoTime() - applied)).as("behind for longer than the budget")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(rotation.view().get(1).reason()).startsWith("behind the highest position");

        b.apply("New");
        await().atMost(Duration.ofSeconds(2)).until(() -> rotation.inRotation(1));
        assertThat(rotation.view().get(1).lag()).isZero();

        b.notReady();
        await().atMost(Duration.ofSeconds(2)).until(() -> !rotation.inRotation(1));
        assertThat(rotation.view().get(1).reason()).startsWith("not ready");
        assertThat(Status.of(rotation.view(), System.currentTimeMillis()).replicasInRotation()).isEqualTo(1);
    }
}
