/**
 * {@code ./movie-recs dlq replay TOPIC}: re-produces dead letters ({@code <source topic>.dlq}, key and value
 * unchanged, headers {@code dlq.source.topic}, {@code dlq.source.partition}, {@code dlq.source.offset},
 * {@code dlq.replayable}) to their source topic, skipping the ones a later record with the same key superseded.
 */
package io.movierecs.launcher.dlq;
