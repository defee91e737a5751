package io.movierecs.gateway.api;

import java.util.List;

/**
 * {@code POST /api/v1/recommendations}.
 *
 * @param liked movie ids the user liked (at least one)
 * @param disliked movie ids the user disliked (optional)
 * @param k results wanted, 1..100 (default 10)
 * @param genre only this genre (optional)
 * @param yearFrom only from this year on (optional)
 * @param yearTo only up to this year (optional)
 */
public record TasteRequest(List<Long> liked, List<Long> disliked, Integer k, String genre, Integer yearFrom,
        Integer yearTo) {

    public TasteRequest {
        disliked = disliked == null ? List.of() : disliked;
    }
}
