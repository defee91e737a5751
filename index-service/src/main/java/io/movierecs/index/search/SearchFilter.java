package io.movierecs.index.search;

import io.movierecs.index.store.StoredMovie;
import java.util.Set;

/**
 * Which movies a search may return.
 *
 * @param genre one of the movie's genres must equal it (ignoring case); null = any
 * @param yearFrom earliest release year, inclusive; null = open
 * @param yearTo latest release year, inclusive; null = open
 * @param exclude movie ids never returned
 */
public record SearchFilter(String genre, Integer yearFrom, Integer yearTo, Set<Long> exclude) {

    public static final SearchFilter NONE = new SearchFilter(null, null, null, Set.of());

    public SearchFilter {
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
        genre = genre == null || genre.isBlank() ? null : genre.strip();
    }

    /** True when genre or year narrows the candidates (exclusions alone do not). */
    public boolean narrows() {
        return genre != null || yearFrom != null || yearTo != null;
    }

    public boolean test(StoredMovie movie) {
        if (exclude.contains(movie.movieId())) {
            return false;
        }
        if (genre != null && !movie.metadata().hasGenre(genre)) {
            return false;
        }
        Integer year = movie.metadata().year();
        if (yearFrom != null && (year == null || year < yearFrom)) {
            return false;
        }
        return yearTo == null || (year != null && year <= yearTo);
    }

    public SearchFilter excluding(long movieId) {
        Set<Long> more = new java.util.HashSet<>(exclude);
        more.add(movieId);
        return new SearchFilter(genre, yearFrom, yearTo, more);
    }
}
