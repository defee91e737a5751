package io.movierecs.gateway.index;

import io.movierecs.gateway.config.GatewayProperties;
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
 * the replicas in turn, starting with the next in a round robin, with a per-attempt timeout: a connection
 * failure, a timeout or a 5xx moves on to the next attempt, at most {@code 1 + retries} in all; then
 * {@link IndexUnavailableException}. A 404 is {@link MovieNotFoundException}, a 400
 * {@link IndexRejectedException}; neither is retried.
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

    public HttpIndexClient(GatewayProperties.IndexService config) {
        this.urls = config.urls().stream().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .toList();
        this.timeout = Duration.ofMillis(config.timeoutMs());
        this.attempts = 1 + config.retries();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public IndexMovie movie(long id, boolean withVector) {
        return read(get("/internal/v1/movies/" + id + (withVector ? "?vector=true" : "")), IndexMovie.class);
    }

    @Override
    public IndexResults similar(long id, int k, Filters filters) {
        return read(get("/internal/v1/movies/" + id + "/similar" + query(k, filters)), IndexResults.class);
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
        return read(send("/internal/v1/search", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))),
                IndexResults.class);
    }

    @Override
    public List<IndexMovie> titles(String prefix, int limit) {
        JsonNode titles = JSON.readTree(get("/internal/v1/titles?prefix=" + encode(prefix) + "&limit=" + limit));
        return JSON.convertValue(titles.path("movies"),
                JSON.getTypeFactory().constructCollectionType(List.class, IndexMovie.class));
    }

    @Override
    public IndexState state() {
        return read(send("/internal/v1/index", null, 0, timeout), IndexState.class);
    }

    @Override
    public IndexState stateAfter(long generation, long waitMs) {
        return read(send("/internal/v1/index?afterGeneration=" + generation + "&waitMs=" + waitMs, null, 0,
                timeout.plusMillis(waitMs)), IndexState.class);
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

    private byte[] get(String path) {
        return send(path, null);
    }

    private byte[] send(String path, HttpRequest.BodyPublisher body) {
        return send(path, body, Math.floorMod(next.getAndIncrement(), urls.size()), timeout);
    }

    /** One call with bounded retries, starting at replica {@code first}; a null body is a GET. */
    private byte[] send(String path, HttpRequest.BodyPublisher body, int first, Duration attemptTimeout) {
        Exception last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            String base = urls.get((first + attempt) % urls.size());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(attemptTimeout)
                    .header("Accept", "application/json");
            request = body == null ? request.GET()
                    : request.header("Content-Type", "application/json").POST(body);
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) {
                    return response.body();
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
