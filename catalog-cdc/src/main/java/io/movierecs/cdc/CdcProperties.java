package io.movierecs.cdc;

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
 * Settings of catalog-cdc, under {@code catalog-cdc.*}. Every default is declared here, once.
 *
 * @param connector {@code postgres} or {@code sqlserver}
 * @param database the catalog database
 * @param kafka the Kafka cluster the changes go to
 * @param topics how the change topics are named and created
 * @param offsets where source offsets are kept
 * @param postgres PostgreSQL-only settings
 * @param pollIntervalMs how often Debezium polls for new changes (Debezium's default, 500, adds latency)
 * @param health when readiness reports a stall, and how often an idle pipeline checks its dependencies
 * @param retry backoff of every retry (publishing, start-up checks, engine restarts): doubles from initial to max
 * @param debezium extra Debezium connector settings passed through as they are (they win over ours)
 */
@Validated
@ConfigurationProperties("catalog-cdc")
public record CdcProperties(
        @DefaultValue("postgres") @NotNull Connector connector,
        @DefaultValue @Valid Database database,
        @DefaultValue @Valid Kafka kafka,
        @DefaultValue @Valid Topics topics,
        @DefaultValue @Valid Offsets offsets,
        @DefaultValue @Valid Postgres postgres,
        @DefaultValue("10") @Min(1) @Max(60_000) long pollIntervalMs,
        @DefaultValue @Valid Health health,
        @DefaultValue @Valid Retry retry,
        @DefaultValue Map<String, String> debezium) {

    /** The catalog schema: {@link Database#schema()} or the connector's usual one. */
    public String schema() {
        return database.schema() == null || database.schema().isBlank() ? connector.defaultSchema()
                : database.schema();
    }

    /**
     * @param host database host
     * @param port database port (0: the connector's usual port, 5432 or 1433)
     * @param name database name
     * @param user user with replication rights (PostgreSQL) or CDC read rights (SQL Server)
     * @param password its password
     * @param schema schema of the catalog tables (empty: public for PostgreSQL, dbo for SQL Server)
     */
    public record Database(
            @DefaultValue("127.0.0.1") @NotBlank String host,
            @DefaultValue("54329") @Min(0) @Max(65535) int port,
            @DefaultValue("catalog") @NotBlank String name,
            @DefaultValue("movies") @NotBlank String user,
            @DefaultValue("movies") String password,
            @DefaultValue("") String schema) {
    }

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param publishTimeoutMs how long one attempt waits for Kafka to acknowledge a batch; then the records not
     *     yet acknowledged are sent again (with a fresh producer) after a backoff, forever
     * @param producer extra producer settings passed through (e.g. security); {@code max.request.size}
     *     defaults to {@link #DEFAULT_MAX_REQUEST_SIZE}, and the topics catalog-cdc creates get the same
     *     {@code max.message.bytes}
     */
    public record Kafka(
            @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers,
            @DefaultValue("30000") @Min(1000) long publishTimeoutMs,
            @DefaultValue Map<String, String> producer) {

        /** Kafka's own default: a change larger than this goes to the dead-letter topic instead. */
        public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

        /** The producer's {@code max.request.size}: as set under {@code producer}, or the default. */
        public int maxRequestSize() {
            String value = producer.get("max.request.size");
            return value == null || value.isBlank() ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(value.trim());
        }
    }

    /**
     * @param stallGraceMs readiness turns OUT_OF_SERVICE once nothing moved forward for this long
     * @param checkIntervalMs how often an idle pipeline checks that Kafka and the database answer
     */
    public record Health(
            @DefaultValue("30000") @Min(100) long stallGraceMs,
            @DefaultValue("5000") @Min(100) long checkIntervalMs) {
    }

    /**
     * @param initialMs first wait after a failure
     * @param maxMs longest wait (the wait doubles up to this)
     */
    public record Retry(
            @DefaultValue("1000") @Min(1) long initialMs,
            @DefaultValue("30000") @Min(1) long maxMs) {
    }

    /**
     * @param prefix topic prefix: changes go to {@code <prefix>.<schema>.<table>}
     * @param partitions partitions of each change topic (embedding workers scale with them)
     * @param replicationFactor replication factor of each change topic
     * @param create whether catalog-cdc creates missing topics (compacted: the key is the row's primary key)
     */
    public record Topics(
            @DefaultValue("catalog") @NotBlank String prefix,
            @DefaultValue("6") @Min(1) int partitions,
            @DefaultValue("1") @Min(1) short replicationFactor,
            @DefaultValue("true") boolean create) {
    }

    /**
     * @param store {@code kafka} (real runs) or {@code file}
     * @param topic the offset topic when store is kafka
     * @param file the offset file when store is file
     * @param flushIntervalMs how often processed offsets are committed (a crash replays at most this much)
     */
    public record Offsets(
            @DefaultValue("kafka") @NotNull OffsetStore store,
            @DefaultValue("catalog-cdc.offsets") @NotBlank String topic,
            @DefaultValue("var/catalog-cdc/offsets.dat") @NotNull Path file,
            @DefaultValue("1000") @Min(1) long flushIntervalMs) {
    }

    /** Where Debezium keeps source offsets. */
    public enum OffsetStore { KAFKA, FILE }

    /**
     * @param slotName the logical replication slot (outlives the service: drop it when retiring a pipeline)
     * @param publication the publication listing the catalog tables (created by the catalog migrations)
     */
    public record Postgres(
            @DefaultValue("movie_recs_catalog") @NotBlank String slotName,
            @DefaultValue("movie_recs_catalog") @NotBlank String publication) {
    }
}
