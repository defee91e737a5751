package io.movierecs.worker;

import io.movierecs.embedding.ModelVariant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of embedding-worker, under {@code embedding-worker.*}. Every default is declared here, once.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix)
 * @param topicPrefix catalog topic prefix
 * @param schema catalog schema ({@code public} for PostgreSQL, {@code dbo} for SQL Server)
 * @param stateDir where Kafka Streams keeps its state stores
 * @param model {@code fp32} (default, matches sentence-transformers) or {@code int8} (faster, ~0.99 cosine)
 * @param intraOpThreads ONNX Runtime threads per embedding call (0: its default, one per core)
 * @param maxBatch most texts per embedding call
 * @param flushIntervalMs how long the stream thread must have had no new record before a partial batch is
 *     embedded (a single change waits about this long; a backfill runs in full batches)
 * @param maxWaitMs longest a changed movie waits for its batch while input keeps coming
 * @param snapshotSettleMs how long a movie seen only in snapshot reads (the first backfill) must go unchanged
 *     before it is embedded: its credits and people's names arrive after its row, and embedding at each arrival
 *     embedded a movie up to seven times; live changes never wait for this
 * @param commitIntervalMs exactly-once commit interval (output is visible downstream at commit)
 * @param streamThreads Kafka Streams threads (each loads its own ONNX Runtime session)
 * @param replicationFactor replication factor of internal and output topics
 * @param vectorPartitions partitions of movie-vectors when the worker creates it
 * @param retryInitialMs wait before a movie whose embedding failed (not for its text) is tried again; doubles
 *     after each failure
 * @param retryMaxMs longest wait between two attempts to embed a movie
 * @param rejectAfter how many times a text may fail alone, while the model embeds other texts, before the movie
 *     is a dead letter (a text the encoder refuses outright, null or blank, is one at once)
 * @param maxThreadReplacements stream threads that died one after another without progress in between (and with
 *     the broker reachable) before the worker gives up: Kafka Streams is shut down and liveness fails, so the
 *     orchestrator restarts the process
 * @param health when the worker counts as stalled
 * @param streams extra Kafka Streams settings passed through
 */
@Validated
@ConfigurationProperties("embedding-worker")
public record WorkerProperties(
        @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers,
        @DefaultValue("embedding-worker") @NotBlank String applicationId,
        @DefaultValue("catalog") @NotBlank String topicPrefix,
        @DefaultValue("public") @NotBlank String schema,
        @DefaultValue("var/embedding-worker") @NotNull Path stateDir,
        @DefaultValue("fp32") @NotNull ModelVariant model,
        @DefaultValue("0") @Min(0) @Max(64) int intraOpThreads,
        @DefaultValue("64") @Min(1) @Max(1024) int maxBatch,
        @DefaultValue("5") @Min(1) @Max(1000) long flushIntervalMs,
        @DefaultValue("1000") @Min(1) @Max(60000) long maxWaitMs,
        @DefaultValue("1000") @Min(0) @Max(600000) long snapshotSettleMs,
        @DefaultValue("20") @Min(1) long commitIntervalMs,
        @DefaultValue("1") @Min(1) int streamThreads,
        @DefaultValue("1") @Min(1) short replicationFactor,
        @DefaultValue("6") @Min(1) int vectorPartitions,
        @DefaultValue("1000") @Min(1) long retryInitialMs,
        @DefaultValue("30000") @Min(1) long retryMaxMs,
        @DefaultValue("3") @Min(1) int rejectAfter,
        @DefaultValue("5") @Min(1) int maxThreadReplacements,
        @DefaultValue @NotNull @Valid Health health,
        @DefaultValue Map<String, String> streams) {

    /**
     * Health settings, under {@code embedding-worker.health.*}.
     *
     * @param stallGraceMs readiness (the {@code progress} indicator) turns OUT_OF_SERVICE once no progress was
     *     made for this long
     * @param probeIntervalMs how often progress is checked (Kafka Streams' counters, and when idle a
     *     {@code describeCluster} call to the broker)
     */
    public record Health(
            @DefaultValue("30000") @Min(100) long stallGraceMs,
            @DefaultValue("2000") @Min(100) long probeIntervalMs) {
    }
}
