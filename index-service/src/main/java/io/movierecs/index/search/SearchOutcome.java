package io.movierecs.index.search;

import io.movierecs.index.vectors.IndexLayout;
import java.util.List;

/**
 * The answer to one search.
 *
 * @param hits best first, at most k
 * @param generation the index generation searched (changes with every applied batch and every swap)
 * @param position offsets applied when the search began, summed over partitions (never ahead of the data)
 * @param layout the index searched
 * @param nprobe lists visited in the last round (0 for exact)
 * @param exactScan whether the answer came from an exact scan of the filtered movies
 */
public record SearchOutcome(List<Hit> hits, long generation, long position, IndexLayout layout, int nprobe, boolean exactScan) {
}
