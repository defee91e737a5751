package io.movierecs.index.live;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.index.store.StoredMovie;
import io.movierecs.index.support.ClusteredVectors;
import io.movierecs.index.support.JavaVectorIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Version ordering and tombstones, on the plain-Java index (no native code). */
class LiveIndexTest {

    private final ClusteredVectors vectors = new ClusteredVectors(8, 4, 1);
    private final LiveIndex live = new LiveIndex(JavaVectorIndex.factory(), 8);

    @Test
    void upsertReplacesTheVectorAndMetadata() {
        float[] second = vectors.next();
        live.apply(List.of(Change.upsert(movie(1, 10, vectors.next())), Change.upsert(movie(2, 10, vectors.next()))));
        ApplyResult result = live.apply(List.of(Change.upsert(movie(1, 11, second, "Renamed", 2001, List.of()))));

        assertThat(result.upserted()).isEqualTo(1);
        assertThat(live.size()).isEqualTo(2);
        assertThat(live.store().get(1).orElseThrow().metadata().title()).isEqualTo("Renamed");
        assertThat(live.read(index -> index.search(second, 1, 0)).ids()).containsExactly(1L);
    }

    @Test
    void olderVersionIsIgnoredAndEqualVersionReapplied() {
        live.apply(List.of(Change.upsert(movie(1, 20, vectors.next(), "New", 2000, List.of()))));
        ApplyResult older = live.apply(List.of(Change.upsert(movie(1, 19, vectors.next(), "Old", 1999, List.of()))));
        ApplyResult same = live.apply(List.of(Change.upsert(movie(1, 20, vectors.next(), "Same", 2000, List.of()))));

        assertThat(older.stale()).isEqualTo(1);
        assertThat(same.upserted()).isEqualTo(1);
        assertThat(live.store().get(1).orElseThrow().metadata().title()).isEqualTo("Same");
    }

    @Test
    void tombstoneDeletesAndOlderReplayCannotResurrect() {
        live.apply(List.of(Change.upsert(movie(5, 100, vectors.next()))));
        ApplyResult deleted = live.apply(List.of(Change.delete(5)));
        ApplyResult replayed = live.apply(List.of(Change.upsert(movie(5, 100, vectors.next())),
                Change.upsert(movie(5, 99, vectors.next()))));

        assertThat(deleted.deleted()).isEqualTo(1);
        assertThat(replayed.stale()).isEqualTo(2);
        assertThat(live.store().contains(5)).isFalse();
        assertThat(live.size()).isZero();
        assertThat(live.store().deletedVersions()).containsEntry(5L, "0000000000000064");
    }

    @Test
    void newerUpsertAfterDeleteIsAReinsert() {
        live.apply(List.of(Change.upsert(movie(5, 100, vectors.next())), Change.delete(5)));
        live.apply(List.of(Change.upsert(movie(5, 101, vectors.next()))));

        assertThat(live.store().contains(5)).isTrue();
        assertThat(live.store().deletedVersions()).doesNotContainKey(5L);
        assertThat(live.size()).isEqualTo(1);
    }

    @Test
    void aBatchAppliesInOrderPerMovie() {
        ApplyResult result = live.apply(List.of(Change.upsert(movie(7, 1, vectors.next())),
                Change.upsert(movie(7, 2, vectors.next(), "Second", null, List.of())), Change.delete(7),
                Change.upsert(movie(8, 1, vectors.next())), Change.delete(9)));

        assertThat(live.store().contains(7)).isFalse();
        assertThat(live.store().get(8)).isPresent();
        assertThat(live.size()).isEqualTo(1);
        assertThat(result.upserted()).isEqualTo(3);
        assertThat(result.deleted()).isEqualTo(1);
        assertThat(live.store().deletedVersions()).containsKeys(7L, 9L);
    }

    @Test
    void deleteOfAnUnknownMovieStillBlocksItsOldestVersions() {
        live.apply(List.of(Change.delete(3)));
        live.apply(List.of(Change.upsert(movie(3, 1, vectors.next()))));

        assertThat(live.store().contains(3)).as("any real version is newer than 'unknown'").isTrue();
    }

    @Test
    void generationMovesWithEveryBatchThatChangesSomething() {
        long before = live.generation();
        live.apply(List.of(Change.upsert(movie(1, 5, vectors.next()))));
        long after = live.generation();
        live.apply(List.of(Change.upsert(movie(1, 4, vectors.next()))));

        assertThat(after).isGreaterThan(before);
        assertThat(live.generation()).as("a stale-only batch changes nothing").isEqualTo(after);
    }

    @Test
    void restoreKeepsDeletedVersions() {
        StoredMovie kept = StoredMovie.of(movie(1, 5, vectors.next()));
        LiveIndex restored = new LiveIndex(JavaVectorIndex.factory(), 8);
        var index = JavaVectorIndex.factory().exact(8);
        index.upsert(new long[] {1}, kept.vector());
        restored.restore(index, IndexInfo.exact(index.layout()), List.of(kept),
                java.util.Map.of(2L, "0000000000000009"), 42, java.util.Map.of());
        restored.apply(List.of(Change.upsert(movie(2, 9, vectors.next())), Change.upsert(movie(2, 8, vectors.next()))));

        assertThat(restored.store().contains(2)).isFalse();
        assertThat(restored.generation()).isEqualTo(42);
        assertThat(restored.size()).isEqualTo(1);
    }
}
