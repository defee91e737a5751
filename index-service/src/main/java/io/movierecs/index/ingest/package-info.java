/**
 * Ingest from Kafka: a spring-kafka listener container reads every partition of {@code movie-vectors} (a
 * consumer group of one per replica, nothing committed: each replica holds the whole index and its snapshot
 * holds the offsets) from the restored snapshot's offsets, applies batches to the live index, sends records that
 * will not decode to {@code movie-vectors.dlq}, triggers snapshots and retraining, and tracks progress and the
 * start-up catch-up for readiness. Failures retry forever with capped backoff; nothing ends the consumer quietly.
 */
package io.movierecs.index.ingest;
