package io.movierecs.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for the launcher, the end-to-end tests and the freshness benchmark. */
public final class JsonHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_RATE_LIMITED = 60;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    public JsonHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response: its status and its body parsed as JSON (a missing node when the body is empty or not JSON). */
    public record Reply(int status, JsonNode body) {
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** As {@link #get} without blocking: many polls in flight at once. */
    public CompletableFuture<Reply> getAsync(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Reply(response.statusCode(), parse(response.body())));
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }

    public Reply post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /**
     * Sends, and like a well-behaved client waits out a 429 for its {@code Retry-After} (1 s when absent), up to
     * {@link #MAX_RATE_LIMITED} times: a checker that reads every movie through the gateway must not count a rate
     * limit as a missing movie.
     */
    private Reply send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
            for (int attempt = 1; response.statusCode() == 429 && attempt <= MAX_RATE_LIMITED; attempt++) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(1000L * Math.max(1, Math.min(seconds, 30)));
                response = client.send(built, HttpResponse.BodyHandlers.ofString());
            }
            return new Reply(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
