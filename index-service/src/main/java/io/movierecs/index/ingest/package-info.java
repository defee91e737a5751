/**
 * Ingest from Kafka: one thread reads every partition of {@code movie-vectors} (assigned, no consumer group:
 * each replica holds the whole index) from the snapshot's offsets, applies batches to the live index, sends
 * records that will not decode to {@code movie-vectors.dlq}, triggers snapshots and retraining, and holds
 * readiness back until it has caught up with the end of the topic as it was at start-up.
 */
package io.movierecs.index.ingest;
