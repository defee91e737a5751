/**
 * The contracts between movie-recs services: every Kafka topic named once with its key and value serdes, and
 * the records that travel on them. Services meet only here and over HTTP.
 */
package io.movierecs.events;
