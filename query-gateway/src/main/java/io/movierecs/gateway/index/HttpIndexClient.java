package io.movierecs.gateway.index;

import io.movierecs.gateway.config.GatewayProperties;
import io.movierecs.gateway.rotation.Rotation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link IndexClient} over HTTP with the JDK client (one pooled client, HTTP/1.1 keep-alive). Each call tries
 * replicas in turn with a per-attempt timeout: a connection failure, a timeout or a 5xx (index-service answers
 * 503 while not ready) moves on to the next attempt, at most {@code 1 + retries} in all; then
 * {@link IndexUnavailableException}. A 404 is {@link MovieNotFoundException}, a 400
 * {@link IndexRejectedException}; neither is retried. With a {@link Rotation} the replicas come in its order
 * (only those in rotation, unless none is) and every answer is reported to it; without one, in a round robin.
 */
public class HttpIndexClient implements IndexClient {

    private static final Logger log = LoggerFactory.getLogger(HttpIndexClient.class);
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final List<String> urls;
    private final Duration timeout;
    private final int attempts;
    private final HttpClient http;
    private final AtomicInteger next = new AtomicInteger();
    private final Rotation rotation;

    /** An answer and the replica that gave it. */
    private record Reply(int replica, byte[] body) {
    }

    public HttpIndexClient(GatewayProperties.IndexService config) {
        this(config, null);
    }

    /** Replicas in {@code rotation}'s order (null: a plain round robin). */
    public HttpIndexClient(GatewayProperties.IndexService config, Rotation rotation) {
        this.rotation = rotation;
        this.urls = config.urls().stream().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .toList();
        this.timeout = Duration.ofMillis(config.timeoutMs());
        this.attempts = 1 + config.retries();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** A client of replica {@code replica} alone, without retries (for its watch). */
    public static HttpIndexClient single(GatewayProperties.IndexService config, int replica) {
        return new HttpIndexClient(new GatewayProperties.IndexService(List.of(config.urls().get(replica)),
                config.timeoutMs(), 0, config.retryAfterSeconds()));
    }

    @Override
    public IndexMovie movie(long id, boolean withVector) {
        Reply reply = get("/internal/v1/movies/" + id + (withVector ? "?vector=true" : ""));
        served(reply, null, null);
        return read(reply.body(), IndexMovie.class);
    }

    @Override
    public IndexResults similar(long id, int k, Filters filters) {
        return results(get("/internal/v1/movies/" + id + "/similar" + query(k, filters)));
    }

    private IndexResults results(Reply reply) {
        IndexResults results = read(reply.body(), IndexResults.class);
        served(reply, results.generation(), results.position());
        return results;
    }

    private void served(Reply reply, Long generation, Long position) {
        if (rotation != null) {
            rotation.served(reply.replica(), generation, position);
        }
    }

    @Override
    public IndexResults search(float[] vector, int k, Filters filters, List<Long> exclude) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("vector", vector);
        body.put("k", k);
        body.put("genre", filters.genre());
        body.put("yearFrom", filters.yearFrom());
        body.put("yearTo", filters.yearTo());
        body.put("exclude", exclude);
        return results(send("/internal/v1/search", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    @Override
    public List<IndexMovie> titles(String prefix, int limit) {
        Reply reply = get("/internal/v1/titles?prefix=" + encode(prefix) + "&limit=" + limit);
        served(reply, null, null);
        JsonNode titles = JSON.readTree(reply.body());
        return JSON.convertValue(titles.path("movies"),
                JSON.getTypeFactory().constructCollectionType(List.class, IndexMovie.class));
    }

    @Override
    public IndexState state() {
        return read(send("/internal/v1/index", null, inOrder(), timeout).body(), IndexState.class);
    }

    @Override
    public IndexState stateAfter(long generation, long waitMs) {
        return read(send("/internal/v1/index?afterGeneration=" + generation + "&waitMs=" + waitMs, null, inOrder(),
                timeout.plusMillis(waitMs)).body(), IndexState.class);
    }

    private static String query(int k, Filters filters) {
        StringBuilder query = new StringBuilder("?k=").append(k);
        if (filters.genre() != null) {
            query.append("&genre=").append(encode(filters.genre()));
        }
        if (filters.yearFrom() != null) {
            query.append("&yearFrom=").append(filters.yearFrom());
        }
        if (filters.yearTo() != null) {
            query.append("&yearTo=").append(filters.yearTo());
        }
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private <T> T read(byte[] body, Class<T> type) {
        return JSON.readValue(body, type);
    }

    private Reply get(String path) {
        return send(path, null);
    }

    private Reply send(String path, HttpRequest.BodyPublisher body) {
        return send(path, body, rotation != null ? rotation.order() : roundRobin(), timeout);
    }

    /** The replicas in their configured order. */
    private int[] inOrder() {
        return java.util.stream.IntStream.range(0, urls.size()).toArray();
    }

    private int[] roundRobin() {
        int first = Math.floorMod(next.getAndIncrement(), urls.size());
        return java.util.stream.IntStream.range(0, urls.size()).map(i -> (first + i) % urls.size()).toArray();
    }

    /** One call with bounded retries over the replicas in {@code order} (cycling); a null body is a GET. */
    private Reply send(String path, HttpRequest.BodyPublisher body, int[] order, Duration attemptTimeout) {
        Exception last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int replica = order[attempt % order.length];
            String base = urls.get(replica);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(attemptTimeout)
                    .header("Accept", "application/json");
            request = body == null ? request.GET()
                    : request.header("Content-Type", "application/json").POST(body);
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) {
                    return new Reply(replica, response.body());
                }
                if (status == 404) {
                    throw new MovieNotFoundException(detail(response.body(), "not found in the index"));
                }
                if (status >= 400 && status < 500) {
                    throw new IndexRejectedException(detail(response.body(), "index-service refused the request"));
                }
                last = new IOException(base + " answered " + status);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IndexUnavailableException("interrupted while waiting for index-service", e);
            }
            log.debug("index-service attempt {} of {} failed: {}", attempt + 1, attempts, last.toString());
        }
        throw new IndexUnavailableException("no index-service replica answered after " + attempts + " attempts ("
                + urls + "): " + last, last);
    }

    private static String detail(byte[] body, String fallback) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.path("detail").isString() ? problem.path("detail").asString() : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
