package io.movierecs.gateway.recommend;

import io.movierecs.gateway.index.IndexMovie;
import java.util.List;

/**
 * {@code GET /api/v1/movies/{id}}.
 *
 * @param id the movie id
 * @param title display title
 * @param year release year, or null
 * @param genres genres
 * @param posterUrl poster address, or null
 * @param directors directors in billing order
 * @param cast cast in billing order (at most 10)
 */
public record MovieDetails(long id, String title, Integer year, List<String> genres, String posterUrl,
        List<String> directors, List<String> cast) {

    static MovieDetails of(IndexMovie movie) {
        return new MovieDetails(movie.movieId(), movie.title(), movie.year(), movie.genres(), movie.posterUrl(),
                movie.directors(), movie.cast());
    }
}
