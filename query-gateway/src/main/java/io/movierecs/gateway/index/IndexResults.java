package io.movierecs.gateway.index;

import java.util.List;

/**
 * A search answer.
 *
 * @param generation the index generation searched (changes with every applied batch)
 * @param results best first
 */
public record IndexResults(long generation, List<IndexMovie> results) {

    public IndexResults {
        results = results == null ? List.of() : results;
    }
}
