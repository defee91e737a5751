package io.movierecs.index.search;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.live.Change;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.store.StoredMovie;
import io.movierecs.index.support.ClusteredVectors;
import io.movierecs.index.support.JavaVectorIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filtered search returns k results whenever k movies match, and the same ones as a brute-force check. */
class SearchServiceTest {

    private static final int DIM = 16;
    private final ClusteredVectors vectors = new ClusteredVectors(DIM, 10, 7);
    private final LiveIndex live = new LiveIndex(JavaVectorIndex.factory(), DIM);
    private final SearchService search = new SearchService(live, new IndexProperties.Search(1000, 30, 256));

    @BeforeEach
    void fill() {
        List<Change> changes = new ArrayList<>();
        for (long id = 1; id <= 2000; id++) {
            changes.add(Change.upsert(movie(id, 1, vectors.next())));
        }
        live.apply(changes);
    }

    @Test
    void unfilteredSearchReturnsTheTopK() {
        float[] query = vectors.next();
        SearchOutcome outcome = search.search(query, 10, 0, SearchFilter.NONE);

        assertThat(ids(outcome)).isEqualTo(bruteForce(query, 10, m -> true));
        assertThat(outcome.exactScan()).isFalse();
        assertThat(outcome.generation()).isEqualTo(live.generation());
    }

    @Test
    void genreAndYearFiltersStillReturnK() {
        float[] query = vectors.next();
        SearchFilter filter = new SearchFilter("comedy", 1990, 1999, Set.of());
        SearchOutcome outcome = search.search(query, 10, 0, filter);

        assertThat(outcome.hits()).hasSize(10);
        assertThat(ids(outcome)).isEqualTo(bruteForce(query, 10, filter::test));
        assertThat(outcome.hits()).allSatisfy(hit -> {
            assertThat(hit.movie().metadata().hasGenre("Comedy")).isTrue();
            assertThat(hit.movie().metadata().year()).isBetween(1990, 1999);
        });
    }

    @Test
    void verySelectiveFilterIsAnExactScanOfTheMatches() {
        float[] query = vectors.next();
        SearchFilter noir = new SearchFilter("Film-Noir", null, null, Set.of());
        SearchOutcome outcome = search.search(query, 50, 0, noir);

        assertThat(outcome.exactScan()).isTrue();
        assertThat(outcome.hits()).hasSize(20).allSatisfy(h -> assertThat(h.movie().movieId() % 97).isZero());
        assertThat(ids(outcome)).isEqualTo(bruteForce(query, 50, noir::test));
    }

    @Test
    void selectiveYearFilterWidensUntilKAreFound() {
        float[] query = vectors.next();
        SearchFilter oneYear = new SearchFilter(null, 1960, 1960, Set.of());
        SearchOutcome outcome = search.search(query, 25, 0, oneYear);

        assertThat(outcome.hits()).hasSize(25);
        assertThat(ids(outcome)).isEqualTo(bruteForce(query, 25, oneYear::test));
    }

    @Test
    void excludedIdsNeverComeBack() {
        float[] query = live.store().get(42).orElseThrow().vector();
        List<Long> top = ids(search.search(query, 5, 0, SearchFilter.NONE));
        SearchOutcome outcome = search.search(query, 5, 0, new SearchFilter(null, null, null, Set.copyOf(top)));

        assertThat(top).startsWith(42L);
        assertThat(ids(outcome)).hasSize(5).doesNotContainAnyElementsOf(top);
    }

    @Test
    void fewerMatchesThanKReturnsAllOfThem() {
        SearchOutcome outcome = search.search(vectors.next(), 10, 0, new SearchFilter("Western", null, null, null));
        assertThat(outcome.hits()).isEmpty();
    }

    private static List<Long> ids(SearchOutcome outcome) {
        return outcome.hits().stream().map(hit -> hit.movie().movieId()).toList();
    }

    private List<Long> bruteForce(float[] query, int k, Predicate<StoredMovie> filter) {
        return live.store().movies().stream().filter(filter)
                .sorted(Comparator.comparingDouble((StoredMovie m) -> -SearchService.dot(query, m.vector()))
                        .thenComparingLong(StoredMovie::movieId))
                .limit(k).map(StoredMovie::movieId).toList();
    }
}
