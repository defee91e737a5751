package io.movierecs.index.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where snapshots go besides the local folder. Every snapshot is first written locally; a store then
 * publishes it and, at start-up, can bring a newer one into the local folder.
 */
public interface SnapshotStore {

    /** A short name for logs and the index state ("local", "mlflow"). */
    String name();

    /** Publishes a snapshot already written to {@code folder}; returns where it went (for logs). */
    String publish(Path folder, SnapshotManifest manifest) throws IOException;

    /**
     * Copies the store's newest snapshot into {@code local} when it is newer than {@code newestLocalId};
     * returns the id fetched, or empty when the local folder is as new or the store has none.
     */
    Optional<String> fetchNewer(SnapshotFolder local, Optional<String> newestLocalId) throws IOException;

    /** The local folder only. */
    SnapshotStore LOCAL = new SnapshotStore() {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public String publish(Path folder, SnapshotManifest manifest) {
            return "nowhere else (local store)";
        }

        @Override
        public Optional<String> fetchNewer(SnapshotFolder local, Optional<String> newestLocalId) {
            return Optional.empty();
        }
    };
}
