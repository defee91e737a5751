package io.movierecs.index;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import io.movierecs.index.vectors.VectorEncoding;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of index-service, under {@code index-service.*}. Every default is declared here, once.
 *
 * @param dimension length of every vector; a record with another length is a dead letter
 * @param kafka where the vectors come from
 * @param index how the index is built and trained
 * @param search limits of the search API
 * @param snapshot when and where snapshots are written
 * @param mlflow the MLflow server snapshots go to when {@code snapshot.store} is {@code mlflow}
 * @param admin the admin endpoints
 * @param health readiness: how long without progress before the service reports itself stalled
 */
@Validated
@ConfigurationProperties("index-service")
public record IndexProperties(
        @DefaultValue("384") @Min(1) @Max(65_536) int dimension,
        @DefaultValue @Valid Kafka kafka,
        @DefaultValue @Valid Index index,
        @DefaultValue @Valid Search search,
        @DefaultValue @Valid Snapshot snapshot,
        @DefaultValue @Valid Mlflow mlflow,
        @DefaultValue @Valid Admin admin,
        @DefaultValue @Valid Health health) {

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param topic the vectors topic (every partition is read: a consumer group of one per replica, no commits)
     * @param createDeadLetterTopic create {@code <topic>.dlq} at start when it is missing
     * @param pollTimeoutMs longest wait of one poll (also the reaction time to admin requests)
     * @param maxPollRecords records applied per batch at most
     * @param consumer extra consumer settings passed through (e.g. security)
     * @param producer extra dead-letter producer settings passed through
     */
    public record Kafka(
            @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers,
            @DefaultValue("movie-vectors") @NotBlank String topic,
            @DefaultValue("true") boolean createDeadLetterTopic,
            @DefaultValue("200") @Min(10) @Max(10_000) long pollTimeoutMs,
            @DefaultValue("1000") @Min(1) @Max(100_000) int maxPollRecords,
            @DefaultValue Map<String, String> consumer,
            @DefaultValue Map<String, String> producer) {
    }

    /**
     * @param trainThreshold vectors at which the exact index is replaced by a trained IVF index
     * @param retrainGrowth retrain when the index holds this many times the vectors it was trained on
     * @param nlist inverted lists of the IVF index; 0 = {@code nlistFactor * sqrt(n)}, capped as below
     * @param nlistFactor the factor of the automatic nlist (8: at 100k real-like vectors, 2,530 lists scan half the
     *     codes of 1,265 for the same recall, and the search is ~15% faster)
     * @param minPointsPerList nlist is capped at {@code n / minPointsPerList} (Faiss wants 39 per list)
     * @param nprobe lists visited per search by default; 0 = the smallest reaching {@code targetRecall}
     * @param targetRecall recall@10 against exact search that the automatic nprobe must reach
     * @param recallMargin added to the target on the sample, for its sampling error (500 queries: about 0.01)
     * @param recallSample query vectors drawn from the index (left out of k-means) to measure recall
     * @param trainingSamplePerList training vectors per list at most (k-means cost grows with them)
     * @param encoding how the trained index stores vectors: {@code fp16} (half the memory, a faster search, the
     *     same neighbours) or {@code fp32}
     */
    public record Index(
            @DefaultValue("2000") @Min(2) int trainThreshold,
            @DefaultValue("2.0") @DecimalMin("1.1") double retrainGrowth,
            @DefaultValue("0") @Min(0) int nlist,
            @DefaultValue("8.0") @DecimalMin("0.1") double nlistFactor,
            @DefaultValue("39") @Min(1) int minPointsPerList,
            @DefaultValue("0") @Min(0) int nprobe,
            @DefaultValue("0.95") @DecimalMin("0.1") @DecimalMax("1.0") double targetRecall,
            @DefaultValue("0.01") @DecimalMin("0.0") @DecimalMax("0.5") double recallMargin,
            @DefaultValue("500") @Min(10) int recallSample,
            @DefaultValue("128") @Min(39) int trainingSamplePerList,
            @DefaultValue("fp16") @NotNull VectorEncoding encoding) {
    }

    /**
     * @param maxK largest k a search may ask for
     * @param exactScanBelow a filter matching fewer movies than this is answered by an exact scan of them
     * @param maxCandidates candidates fetched from the index at most before falling back to an exact scan
     */
    public record Search(
            @DefaultValue("1000") @Min(1) int maxK,
            @DefaultValue("2000") @Min(0) int exactScanBelow,
            @DefaultValue("4096") @Min(16) int maxCandidates) {
    }

    /**
     * @param dir local folder of snapshots (always written; the MLflow store uploads from it)
     * @param store {@code local} or {@code mlflow}
     * @param everyUpdates snapshot after this many applied changes
     * @param everySeconds snapshot after this many seconds when anything changed
     * @param keep local snapshots kept (older ones are deleted)
     * @param onShutdown snapshot on a clean shutdown
     * @param retentionMarginMs a snapshot older than the topic's {@code delete.retention.ms} less this margin is
     *     not restored (its tombstones may be compacted away); the index is rebuilt from the topic instead
     */
    public record Snapshot(
            @DefaultValue("var/index-service/snapshots") @NotNull Path dir,
            @DefaultValue("local") @NotNull Store store,
            @DefaultValue("10000") @Min(1) long everyUpdates,
            @DefaultValue("300") @Min(1) long everySeconds,
            @DefaultValue("3") @Min(1) int keep,
            @DefaultValue("true") boolean onShutdown,
            @DefaultValue("3600000") @Min(0) long retentionMarginMs) {
    }

    /** Where snapshots are kept besides the local folder. */
    public enum Store { LOCAL, MLFLOW }

    /**
     * @param trackingUri the MLflow server, e.g. {@code http://127.0.0.1:5000} (started with --serve-artifacts)
     * @param experiment experiment holding one run per snapshot
     * @param registeredModel registered model with one version per snapshot
     * @param alias alias moved to each new version and restored from ("latest" is reserved by MLflow)
     * @param timeoutMs longest wait for one MLflow request, body included (a hanging server fails a call after
     *     this; a restore then falls back to the local folder, a publish is retried later)
     */
    public record Mlflow(
            @DefaultValue("") String trackingUri,
            @DefaultValue("index-service") @NotBlank String experiment,
            @DefaultValue("movie-vectors-index") @NotBlank String registeredModel,
            @DefaultValue("current") @NotBlank String alias,
            @DefaultValue("30000") @Min(500) long timeoutMs) {
    }

    /**
     * @param stallGraceMs readiness (indicator {@code progress}) turns OUT_OF_SERVICE after this long without
     *     progress (a batch applied, or idle with Kafka answering and nothing left to read)
     * @param probeIntervalMs how often Kafka is asked for the end offsets (progress while idle, lag, catch-up)
     */
    public record Health(
            @DefaultValue("30000") @Min(100) long stallGraceMs,
            @DefaultValue("2000") @Min(100) long probeIntervalMs) {
    }

    /**
     * @param token the admin token; empty disables the admin endpoints (they answer 404)
     * @param header the request header carrying the token
     */
    public record Admin(
            @DefaultValue("") String token,
            @DefaultValue("X-Admin-Token") @NotBlank String header) {

        public boolean enabled() {
            return token != null && !token.isBlank();
        }
    }
}
