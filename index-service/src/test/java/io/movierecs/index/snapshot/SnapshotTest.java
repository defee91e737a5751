package io.movierecs.index.snapshot;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.movierecs.index.IndexProperties;
import io.movierecs.index.live.Change;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.metrics.IndexMetrics;
import io.movierecs.index.store.StoredMovie;
import io.movierecs.index.support.ClusteredVectors;
import io.movierecs.index.support.TestProperties;
import io.movierecs.index.vectors.FaissVectorIndexFactory;
import io.movierecs.index.vectors.VectorEncoding;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot folders with real Faiss bytes: round trip, checksums, fallback to an older snapshot, pruning. */
class SnapshotTest {

    private static final int DIM = 32;

    @TempDir
    Path dir;

    private final ClusteredVectors vectors = new ClusteredVectors(DIM, 8, 11);
    private final FaissVectorIndexFactory faiss = new FaissVectorIndexFactory(VectorEncoding.FP16);
    private final IndexProperties properties = TestProperties.of("dimension", "32", "snapshot.keep", "2");
    private final List<LiveIndex> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(LiveIndex::close);
    }

    private LiveIndex live() {
        LiveIndex live = new LiveIndex(faiss, DIM);
        opened.add(live);
        return live;
    }

    private Snapshotter snapshotter(LiveIndex live) {
        return new Snapshotter(live, new SnapshotFolder(dir), SnapshotStore.LOCAL, properties,
                new IndexMetrics(new SimpleMeterRegistry(), live));
    }

    private Optional<SnapshotManifest> restoreInto(LiveIndex target) throws IOException {
        return new SnapshotRestorer(new SnapshotFolder(dir), SnapshotStore.LOCAL, faiss, DIM)
                .restore(target, snapshotter(target));
    }

    @Test
    void roundTripKeepsMoviesDeletedVersionsOffsetsAndIndex() throws Exception {
        LiveIndex live = live();
        List<Change> changes = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            changes.add(Change.upsert(movie(id, 10, vectors.next())));
        }
        changes.add(Change.delete(7));
        live.apply(changes);
        SnapshotManifest written = snapshotter(live).take(Map.of(0, 301L, 1, 5L)).get();

        LiveIndex restored = live();
        SnapshotManifest manifest = restoreInto(restored).orElseThrow();

        assertThat(manifest.id()).isEqualTo(written.id());
        assertThat(manifest.offsets()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 301L, 1, 5L));
        assertThat(manifest.ntotal()).isEqualTo(299);
        assertThat(restored.size()).isEqualTo(299);
        assertThat(restored.generation()).isEqualTo(live.generation());
        StoredMovie original = live.store().get(42).orElseThrow();
        StoredMovie copy = restored.store().get(42).orElseThrow();
        assertThat(copy.metadata()).isEqualTo(original.metadata());
        assertThat(copy.vector()).containsExactly(original.vector());
        assertThat(restored.read(index -> index.search(original.vector(), 1, 0)).ids()).containsExactly(42L);
        restored.apply(List.of(Change.upsert(movie(7, 10, vectors.next()))));
        assertThat(restored.store().contains(7)).as("deleted at version 10 stays deleted").isFalse();
    }

    @Test
    void aDamagedSnapshotIsSkippedForTheOlderOne() throws Exception {
        LiveIndex live = live();
        live.apply(List.of(Change.upsert(movie(1, 1, vectors.next()))));
        SnapshotManifest older = snapshotter(live).take(Map.of(0, 1L)).get();
        live.apply(List.of(Change.upsert(movie(2, 1, vectors.next()))));
        SnapshotManifest newer = snapshotter(live).take(Map.of(0, 2L)).get();
        flipLastByte(dir.resolve(newer.id()).resolve(SnapshotManifest.MOVIES_FILE));

        assertThatThrownBy(() -> new SnapshotFolder(dir).read(newer.id(), DIM))
                .isInstanceOf(IOException.class).hasMessageContaining("checksum");
        LiveIndex restored = live();
        assertThat(restoreInto(restored)).map(SnapshotManifest::id).contains(older.id());
        assertThat(restored.size()).isEqualTo(1);
    }

    @Test
    void temporaryFoldersAreIgnoredAndOldSnapshotsPruned() throws Exception {
        LiveIndex live = live();
        Files.createDirectories(dir.resolve(".tmp-000000000000001-000000000099"));
        List<String> ids = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            live.apply(List.of(Change.upsert(movie(id, 1, vectors.next()))));
            ids.add(snapshotter(live).take(Map.of(0, id)).get().id());
        }

        assertThat(new SnapshotFolder(dir).ids()).containsExactly(ids.get(2), ids.get(1));
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".tmp-"));
        }
    }

    @Test
    void noSnapshotMeansAnEmptyStart() throws IOException {
        assertThat(restoreInto(live())).isEmpty();
    }

    private static void flipLastByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 1);
            int b = raf.read();
            raf.seek(raf.length() - 1);
            raf.write(b ^ 0xff);
        }
    }
}
