package io.movierecs.index.admin;

import io.movierecs.index.ingest.IngestService;
import io.movierecs.index.live.IndexInfo;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.snapshot.SnapshotManifest;
import io.movierecs.index.snapshot.Snapshotter;
import io.movierecs.index.store.StoredMovie;
import java.time.Instant;
import java.util.Map;

/**
 * What the index is now.
 *
 * @param phase where ingest is (LIVE once caught up)
 * @param factory Faiss factory string of the serving index
 * @param nlist inverted lists (0: exact)
 * @param nprobe lists visited by default
 * @param ntotal vectors in the serving index
 * @param generation index generation (changes with every applied batch and swap)
 * @param trainedAt when the serving index was trained, or null if it never was
 * @param trainedOn vectors it was trained on
 * @param recallAt10 recall@10 against exact at nprobe, measured on a sample after training
 * @param rebuilding whether a new index is being trained
 * @param snapshot the newest snapshot, or null
 * @param newestSourceTsMs catalog commit time of the newest change held (0 when empty): with the clock, how
 *        long ago the catalog last changed anything the index shows
 * @param ready restore and catch-up are complete (until then the other /internal/v1 endpoints answer 503)
 * @param offsets per partition (as a string), the next offset not applied yet: everything before it is searchable
 * @param position the sum of {@code offsets}: comparable across replicas (generations are not)
 * @param lastProgressAtMs when ingest last made progress (epoch ms)
 */
public record IndexState(String phase, String factory, int nlist, int nprobe, long ntotal, long generation,
        Instant trainedAt, long trainedOn, double recallAt10, boolean rebuilding, Snapshot snapshot,
        long newestSourceTsMs, boolean ready, Map<String, Long> offsets, long position, long lastProgressAtMs) {

    /**
     * @param id snapshot id (folder name)
     * @param createdAt when it was captured
     * @param store where it is kept besides the local folder
     * @param publishedTo where it went, e.g. the MLflow run and registered model version
     * @param offsets next offset per partition it covers
     * @param publishError why the newest snapshot is not published yet (retried with backoff), or null
     */
    public record Snapshot(String id, Instant createdAt, String store, String publishedTo,
            Map<Integer, Long> offsets, String publishError) {
    }

    static IndexState of(IngestService ingest, LiveIndex live, Snapshotter snapshotter) {
        IndexInfo info = live.info();
        SnapshotManifest latest = snapshotter.latest();
        Snapshot snapshot = latest == null ? null : new Snapshot(latest.id(),
                Instant.ofEpochMilli(latest.createdAtMs()), snapshotter.storeName(), snapshotter.latestPublishedTo(),
                latest.offsets(), snapshotter.publishError());
        Map<Integer, Long> applied = live.offsets();
        long position = 0;
        Map<String, Long> offsets = new java.util.LinkedHashMap<>();
        for (Map.Entry<Integer, Long> entry : applied.entrySet()) {
            offsets.put(Integer.toString(entry.getKey()), entry.getValue());
            position += entry.getValue();
        }
        return new IndexState(ingest.phase().name(), info.layout().factory(), info.layout().nlist(),
                info.layout().nprobe(), live.size(), live.generation(),
                info.trainedAtMs() == 0 ? null : Instant.ofEpochMilli(info.trainedAtMs()), info.trainedOn(),
                info.recallAt10(), live.rebuilding(), snapshot, newestSourceTsMs(live),
                ingest.progress().caughtUp(), offsets, position, ingest.progress().lastProgressAtMs());
    }

    private static long newestSourceTsMs(LiveIndex live) {
        long newest = 0;
        for (StoredMovie movie : live.store().movies()) {
            newest = Math.max(newest, movie.metadata().sourceTsMs());
        }
        return newest;
    }
}
