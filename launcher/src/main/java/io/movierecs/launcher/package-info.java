/**
 * {@code ./movie-recs run}: the embedded default. The catalog PostgreSQL and a KRaft Kafka broker run in the
 * launcher's JVM, the four services as child JVMs from their executable jars, all on loopback, all state under
 * one data directory. The end-to-end tests and the freshness benchmark start the same {@link
 * io.movierecs.launcher.Stack}.
 */
package io.movierecs.launcher;
