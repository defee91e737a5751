package io.movierecs.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code query-gateway.*}; each default is written once, here. Environment variables work
 * too ({@code QUERY_GATEWAY_INDEX_SERVICE_URLS=http://a:8083,http://b:8083}).
 *
 * @param indexService where index-service replicas answer and how patiently
 * @param apiKeys client API keys (off in the embedded default)
 * @param rateLimit requests per second per API key (per client address when keys are off)
 * @param cors cross-origin callers of /api/**
 * @param cache answers cached per applied index position; its {@code max-age-ms} is the freshness budget
 * @param health readiness
 * @param model the encoder for free text: {@code fp32} (default) or {@code int8}
 * @param maxTextLength longest free-text query or title accepted, in characters (default 500)
 */
@Validated
@ConfigurationProperties("query-gateway")
public record GatewayProperties(@Valid @NotNull @DefaultValue IndexService indexService,
        @Valid @NotNull @DefaultValue ApiKeys apiKeys, @Valid @NotNull @DefaultValue RateLimit rateLimit,
        @Valid @NotNull @DefaultValue Cors cors, @Valid @NotNull @DefaultValue Cache cache,
        @Valid @NotNull @DefaultValue Health health,
        @NotNull @DefaultValue("fp32") Model model, @Min(10) @Max(10_000) @DefaultValue("500") int maxTextLength) {

    /** The encoder variant for free-text queries. */
    public enum Model { FP32, INT8 }

    /**
     * @param urls index-service replicas, each followed by its own watch; calls go to those in rotation (default
     *        {@code http://127.0.0.1:8083}; one URL may also be a Kubernetes Service in front of several pods)
     * @param timeoutMs per attempt, connect and answer (default 500)
     * @param retries further attempts on other replicas in rotation (or the same one) after a failure (default 2)
     * @param retryAfterSeconds the {@code Retry-After} of a 503 when no replica answered (default 2)
     */
    public record IndexService(@NotEmpty @DefaultValue("http://127.0.0.1:8083") List<@NotBlank String> urls,
            @Min(10) @Max(60_000) @DefaultValue("500") int timeoutMs, @Min(0) @Max(10) @DefaultValue("2") int retries,
            @Min(1) @Max(3600) @DefaultValue("2") int retryAfterSeconds) {
    }

    /**
     * @param enabled whether /api/** needs a key (default false)
     * @param header the request header holding it (default {@code X-API-Key})
     * @param keys the accepted keys
     */
    public record ApiKeys(@DefaultValue("false") boolean enabled, @NotBlank @DefaultValue("X-API-Key") String header,
            @NotNull @DefaultValue List<String> keys) {
    }

    /**
     * @param requestsPerSecond sustained rate per key or client address; 0 = no limit (default 200)
     * @param burst requests allowed at once above the rate (default 400)
     */
    public record RateLimit(@Min(0) @DefaultValue("200") double requestsPerSecond,
            @Min(1) @DefaultValue("400") int burst) {
    }

    /**
     * @param allowedOrigins origins allowed to call /api/** from a browser; empty = same origin only (default)
     */
    public record Cors(@NotNull @DefaultValue List<String> allowedOrigins) {
    }

    /**
     * @param enabled cache answers (default true)
     * @param maxEntries entries kept; all are dropped when the cache's position changes (default 50000)
     * @param maxAgeMs the freshness budget (default 1000): a replica that has not answered within it, or whose
     *        position has been behind the highest for longer, is out of rotation; nothing is served from the
     *        cache while no replica is in rotation
     * @param entryTtlMs an entry is never served older than this, even at an unchanged position (default 60000;
     *        only matters for replicas that report no position)
     * @param generationRefreshMs the pause between two state asks of one replica (default 25). Each ask is a long
     *        poll that index-service answers at the next change or after half of {@code maxAgeMs}, so an edit is
     *        heard of at once unless it lands in this pause
     */
    public record Cache(@DefaultValue("true") boolean enabled, @Min(1) @DefaultValue("50000") int maxEntries,
            @Min(1) @Max(60_000) @DefaultValue("1000") long maxAgeMs,
            @Min(1) @Max(86_400_000) @DefaultValue("60000") long entryTtlMs,
            @Min(10) @Max(10_000) @DefaultValue("25") long generationRefreshMs) {
    }

    /**
     * @param stallGraceMs readiness goes OUT_OF_SERVICE once no index-service replica has been in rotation for
     *        longer than this (default 30000)
     */
    public record Health(@Min(100) @Max(3_600_000) @DefaultValue("30000") long stallGraceMs) {
    }
}
