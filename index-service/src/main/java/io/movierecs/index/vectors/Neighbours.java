package io.movierecs.index.vectors;

/**
 * Neighbours of one query, best first: {@code ids[i]} scored {@code scores[i]} (inner product).
 * The arrays are not copied: do not modify them.
 */
public record Neighbours(long[] ids, float[] scores) {

    public Neighbours {
        if (ids.length != scores.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + scores.length + " scores");
        }
    }

    public int size() {
        return ids.length;
    }
}
