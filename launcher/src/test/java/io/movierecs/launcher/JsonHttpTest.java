package io.movierecs.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rate limit is waited out, not taken for an answer: the chaos check reads every movie through the gateway. */
class JsonHttpTest {

    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;
    private volatile int limited;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean over = calls.incrementAndGet() <= limited;
            byte[] body = (over ? "{\"status\":429}" : "{\"movieId\":1}").getBytes(StandardCharsets.UTF_8);
            if (over) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(over ? 429 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void waitsOutA429ForItsRetryAfterAndReturnsTheAnswer() {
        limited = 2;
        long start = System.nanoTime();

        JsonHttp.Reply reply = new JsonHttp("http://127.0.0.1:" + server.getAddress().getPort()).get("/movies/1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("movieId").asLong()).isEqualTo(1);
        assertThat(calls.get()).isEqualTo(3);
        assertThat((System.nanoTime() - start) / 1_000_000).as("waited Retry-After twice").isGreaterThanOrEqualTo(2000);
    }

    @Test
    void anAnswerThatIsNotARateLimitIsReturnedAtOnce() {
        limited = 0;

        assertThat(new JsonHttp("http://127.0.0.1:" + server.getAddress().getPort()).get("/movies/1").status())
                .isEqualTo(200);
        assertThat(calls.get()).isEqualTo(1);
    }
}
