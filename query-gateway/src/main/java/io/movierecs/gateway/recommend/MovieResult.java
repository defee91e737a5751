package io.movierecs.gateway.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.movierecs.gateway.index.IndexMovie;
import java.util.List;

/**
 * One result of the public API.
 *
 * @param id the movie id
 * @param title display title
 * @param year release year, or null
 * @param genres genres
 * @param posterUrl poster address, or null (the web page shows a placeholder)
 * @param score cosine similarity to the query, 1 = identical
 * @param reason why it is here, when there is one: a shared director, cast member or genres
 */
public record MovieResult(long id, String title, Integer year, List<String> genres, String posterUrl, float score,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    static MovieResult of(IndexMovie hit, String reason) {
        return new MovieResult(hit.movieId(), hit.title(), hit.year(), hit.genres(), hit.posterUrl(), hit.score(),
                reason);
    }
}
