package io.movierecs.gateway.recommend;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A list of results.
 *
 * @param movie the movie they are similar to (similar and by-title calls), else null
 * @param generation the index generation answered from
 * @param results best first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Results(MovieDetails movie, long generation, List<MovieResult> results) {
}
