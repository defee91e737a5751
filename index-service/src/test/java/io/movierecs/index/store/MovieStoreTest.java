package io.movierecs.index.store;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MovieStoreTest {

    private final MovieStore store = new MovieStore();

    private void add(long id, String title) {
        store.put(StoredMovie.of(movie(id, 1, new float[] {1, 0}, title, 2000, List.of("Drama", "Sci-Fi"))));
    }

    @Test
    void titlePrefixIgnoresCaseAccentsAndArticles() {
        add(1, "The Matrix (1999)");
        add(2, "Matrix Reloaded, The (2003)");
        add(3, "Amélie (2001)");
        add(4, "A Beautiful Mind (2001)");
        add(5, "Theory of Everything, The (2014)");

        assertThat(ids("mat")).containsExactly(1L, 2L);
        assertThat(ids("THE MAT")).containsExactly(1L, 2L);
        assertThat(ids("ame")).containsExactly(3L);
        assertThat(ids("beautiful")).containsExactly(4L);
        assertThat(ids("a beau")).containsExactly(4L);
        assertThat(ids("theory")).containsExactly(5L);
        assertThat(store.titlesStartingWith("m", 1)).hasSize(1);
    }

    @Test
    void renamedAndDeletedMoviesLeaveTheTitleIndexAndGenreCounts() {
        add(1, "Alien");
        add(1, "Aliens");
        add(2, "Alien 3");
        store.delete(2);

        assertThat(ids("alien")).containsExactly(1L);
        assertThat(store.titlesStartingWith("aliens", 10)).extracting(m -> m.metadata().title())
                .containsExactly("Aliens");
        assertThat(store.genreCount("sci-fi")).isEqualTo(1);
        assertThat(store.genreCount("Western")).isZero();
    }

    private List<Long> ids(String prefix) {
        return store.titlesStartingWith(prefix, 10).stream().map(StoredMovie::movieId).toList();
    }
}
