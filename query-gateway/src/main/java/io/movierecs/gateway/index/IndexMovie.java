package io.movierecs.gateway.index;

import java.util.List;

/**
 * A movie as index-service returns it ({@code /internal/v1/movies/{id}}, titles, and each search hit).
 *
 * @param movieId the catalog's id
 * @param title display title
 * @param year release year, or null
 * @param genres genres
 * @param posterUrl poster address, or null
 * @param directors directors in billing order (empty when the pipeline sent none)
 * @param cast cast in billing order
 * @param sourceTsMs catalog commit time of the change it reflects (0 in search hits)
 * @param score similarity to the query (search hits only)
 * @param vector the embedding (only when asked for)
 */
public record IndexMovie(long movieId, String title, Integer year, List<String> genres, String posterUrl,
        List<String> directors, List<String> cast, long sourceTsMs, float score, float[] vector) {

    public IndexMovie {
        genres = genres == null ? List.of() : genres;
        directors = directors == null ? List.of() : directors;
        cast = cast == null ? List.of() : cast;
    }
}
