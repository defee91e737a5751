/**
 * embedding-worker: a Kafka Streams application (exactly_once_v2) that turns catalog changes into
 * {@code movie-vectors} events, one all-MiniLM-L6-v2 embedding per changed movie.
 */
package io.movierecs.worker;
