package io.movierecs.gateway.recommend;

import io.movierecs.gateway.index.IndexMovie;

/**
 * One autocomplete entry of {@code GET /api/v1/titles}.
 *
 * @param id the movie id
 * @param title display title as the catalog spells it
 * @param year release year, or null
 */
public record TitleSuggestion(long id, String title, Integer year) {

    static TitleSuggestion of(IndexMovie movie) {
        return new TitleSuggestion(movie.movieId(), movie.title(), movie.year());
    }
}
