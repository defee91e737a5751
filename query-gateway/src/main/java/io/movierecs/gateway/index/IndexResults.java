package io.movierecs.gateway.index;

import java.util.List;

/**
 * A search answer.
 *
 * @param generation the index generation searched (changes with every applied batch)
 * @param position how far into {@code movie-vectors} the answering replica had applied (null: not reported)
 * @param results best first
 */
public record IndexResults(long generation, Long position, List<IndexMovie> results) {

    public IndexResults {
        results = results == null ? List.of() : results;
    }

    /** An answer without a position (an older index-service). */
    public IndexResults(long generation, List<IndexMovie> results) {
        this(generation, null, results);
    }
}
