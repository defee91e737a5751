/**
 * Snapshots: the index bytes (Faiss's format), the movies (metadata, vectors, deleted versions) and the
 * per-partition offsets they cover, as one folder per snapshot written atomically (temporary folder, fsync,
 * rename) with CRC32C checksums in its manifest. Taken every N changes or T seconds and at shutdown, kept
 * locally and optionally published to MLflow; restored at start-up, newest valid one first.
 */
package io.movierecs.index.snapshot;
