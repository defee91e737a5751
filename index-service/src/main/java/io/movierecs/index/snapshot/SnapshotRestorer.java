package io.movierecs.index.snapshot;

import io.movierecs.index.live.IndexInfo;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.vectors.IndexLayout;
import io.movierecs.index.vectors.VectorIndex;
import io.movierecs.index.vectors.VectorIndexFactory;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up: brings the store's newest snapshot into the local folder when it is newer (MLflow), then loads
 * the newest local snapshot that verifies; a damaged one is logged and the next older one tried. Without any,
 * the index starts empty and is rebuilt from the topic.
 */
public final class SnapshotRestorer {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRestorer.class);

    private final SnapshotFolder folder;
    private final SnapshotStore store;
    private final VectorIndexFactory factory;
    private final int dimension;

    public SnapshotRestorer(SnapshotFolder folder, SnapshotStore store, VectorIndexFactory factory, int dimension) {
        this.folder = folder;
        this.store = store;
        this.factory = factory;
        this.dimension = dimension;
    }

    /** Loads the newest valid snapshot into {@code live}, of any age. */
    public Optional<SnapshotManifest> restore(LiveIndex live, Snapshotter snapshotter) throws IOException {
        return restore(live, snapshotter, Long.MAX_VALUE);
    }

    /**
     * Loads the newest valid snapshot not older than {@code maxAgeMs} into {@code live}; returns its manifest
     * (with the offsets it covers). An older one is not restored: tombstones written after it may already be
     * compacted away, so replaying from its offsets could bring deleted movies back; the index is then rebuilt
     * from the beginning of the topic.
     */
    public Optional<SnapshotManifest> restore(LiveIndex live, Snapshotter snapshotter, long maxAgeMs)
            throws IOException {
        List<String> local = folder.ids();
        try {
            store.fetchNewer(folder, local.stream().findFirst())
                    .ifPresent(id -> log.info("fetched snapshot {} from {}", id, store.name()));
        } catch (IOException | RuntimeException e) {
            log.warn("could not fetch a snapshot from {} ({}); using the local folder", store.name(), e.toString());
        }
        for (String id : folder.ids()) {
            long started = System.nanoTime();
            try {
                SnapshotFolder.Loaded loaded = folder.read(id, dimension);
                SnapshotManifest m = loaded.manifest();
                long ageMs = System.currentTimeMillis() - m.createdAtMs();
                if (ageMs > maxAgeMs) {
                    log.warn("snapshot {} is {} ms old, older than the topic's tombstone retention less the margin "
                            + "({} ms): not restored, rebuilding from the beginning of the topic", id, ageMs,
                            maxAgeMs);
                    return Optional.empty();
                }
                VectorIndex index = factory.deserialize(loaded.indexBytes(), m.nprobe());
                if (index.size() != loaded.movies().movies().size()) {
                    index.close();
                    throw new IOException("index holds " + index.size() + " vectors but the snapshot "
                            + loaded.movies().movies().size() + " movies");
                }
                IndexInfo info = new IndexInfo(new IndexLayout(m.factory(), m.nlist(), m.nprobe()), m.trainedAtMs(),
                        m.trainedOn(), m.recallAt10(), m.buildSeconds());
                live.restore(index, info, loaded.movies().movies(), loaded.movies().deleted(), m.generation(),
                        m.offsets());
                snapshotter.restored(m);
                log.info("restored snapshot {} ({} vectors, {}) in {} ms; resuming at offsets {}", id, m.ntotal(),
                        m.factory(), (System.nanoTime() - started) / 1_000_000, m.offsets());
                return Optional.of(m);
            } catch (IOException | RuntimeException e) {
                log.warn("skipping snapshot {}: {}", id, e.toString());
            }
        }
        log.info("no snapshot in {}: rebuilding from the topic", folder.dir());
        return Optional.empty();
    }
}
