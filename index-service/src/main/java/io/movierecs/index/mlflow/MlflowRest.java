package io.movierecs.index.mlflow;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every MLflow call, each bounded by the timeout (body included): runs, artifact upload and download through
 * the server's artifact proxy ({@code --serve-artifacts}) and the model registry. Errors are {@link MlflowException}s carrying MLflow's
 * error code and message.
 */
final class MlflowRest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    MlflowRest(String trackingUri, Duration timeout) {
        this.base = trackingUri.endsWith("/") ? trackingUri.substring(0, trackingUri.length() - 1) : trackingUri;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    JsonNode post(String path, Map<String, ?> body) throws IOException {
        HttpRequest request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        return json(send(request, HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode get(String path, Map<String, String> query) throws IOException {
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return json(send(request(path + "?" + encoded).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Uploads a file to {@code <artifact path>} of the proxied artifact store. */
    void putArtifact(String artifactPath, Path file) throws IOException {
        HttpRequest request = request(ARTIFACTS + artifactPath).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
        send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Downloads {@code <artifact path>} into {@code target}. */
    void getArtifact(String artifactPath, Path target) throws IOException {
        HttpResponse<Path> response = send(request(ARTIFACTS + artifactPath).GET().build(),
                HttpResponse.BodyHandlers.ofFile(target));
        response.body();
    }

    /** The artifact-proxy path of an {@code mlflow-artifacts:} URI (what the server gives runs with proxying). */
    static String artifactPath(String uri) {
        if (!uri.startsWith("mlflow-artifacts:")) {
            throw new IllegalStateException("artifact location " + uri + " is not proxied: start the MLflow "
                    + "server with --serve-artifacts (and no --default-artifact-root outside it)");
        }
        String path = uri.substring("mlflow-artifacts:".length());
        if (path.startsWith("//")) {
            int slash = path.indexOf('/', 2);
            path = slash < 0 ? "" : path.substring(slash);
        }
        return path.replaceFirst("^/+", "");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    }

    /**
     * One call, bounded as a whole: the request timeout only covers the wait for the response headers, so the
     * body (a download from a server frozen halfway) is bounded by waiting on the exchange with the same timeout.
     */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpResponse<T> response;
        CompletableFuture<HttpResponse<T>> exchange = http.sendAsync(request, handler);
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling MLflow " + request.uri(), e);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException(request.method() + " " + request.uri() + ": no complete answer from MLflow "
                    + "within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io
                    : new IOException("calling MLflow " + request.uri() + " failed: " + e.getCause(), e.getCause());
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() instanceof String text ? text : "";
            String code = "";
            String message = body;
            try {
                JsonNode error = JSON.readTree(body);
                code = error.path("error_code").asString("");
                message = error.path("message").asString(body);
            } catch (RuntimeException notJson) {
                // keep the raw body
            }
            throw new MlflowException(request.method() + " " + request.uri().getPath(), response.statusCode(),
                    code, message);
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }

    /** An MLflow error answer. */
    static final class MlflowException extends IOException {
        private final int status;
        private final String code;

        MlflowException(String call, int status, String code, String message) {
            super(call + " failed: HTTP " + status + " " + code + ": " + message);
            this.status = status;
            this.code = code;
        }

        boolean notFound() {
            return status == 404 || "RESOURCE_DOES_NOT_EXIST".equals(code);
        }

        boolean alreadyExists() {
            return "RESOURCE_ALREADY_EXISTS".equals(code);
        }
    }
}
