/**
 * The movies the index holds, in memory: metadata and vector per movie, the source version of each (and of
 * each deleted movie, so an older replayed upsert cannot bring it back), genre counts for filter planning and
 * a title index for prefix look-ups. One writer (the ingest thread), any number of readers.
 */
package io.movierecs.index.store;
