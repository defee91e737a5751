package io.movierecs.faiss;

import java.util.Arrays;

/**
 * The k nearest neighbours of each of {@code queries} query vectors, row-major: the neighbours of query
 * {@code q} sit at positions {@code q * k .. q * k + k - 1}, best first.
 *
 * <p>Scores follow the index's {@link Metric}: inner products (larger is better) or squared L2 distances
 * (smaller is better). Where fewer than k vectors were found the id is {@link #MISSING} and the score is
 * Faiss's sentinel ({@code -Float.MAX_VALUE} for inner product, {@code Float.MAX_VALUE} for L2).
 *
 * <p>The arrays are shared, not copied: do not modify them. Like every record holding arrays, equality is
 * identity of the arrays.
 */
public record SearchResult(int queries, int k, long[] ids, float[] scores) {

    /** The id Faiss reports for a neighbour that does not exist. */
    public static final long MISSING = -1L;

    public SearchResult {
        if (queries < 0 || k <= 0 || ids.length != (long) queries * k || scores.length != ids.length) {
            throw new IllegalArgumentException("result arrays do not hold " + queries + " x " + k + " neighbours");
        }
    }

    /** Id of the neighbour of query {@code query} at {@code rank} (0 = best), or {@link #MISSING}. */
    public long id(int query, int rank) {
        return ids[position(query, rank)];
    }

    /** Score of the neighbour of query {@code query} at {@code rank} (0 = best). */
    public float score(int query, int rank) {
        return scores[position(query, rank)];
    }

    /** The ids found for one query, best first, without the {@link #MISSING} padding. */
    public long[] idsOf(int query) {
        int from = position(query, 0);
        int to = from;
        while (to < from + k && ids[to] != MISSING) {
            to++;
        }
        return Arrays.copyOfRange(ids, from, to);
    }

    private int position(int query, int rank) {
        if (query < 0 || query >= queries || rank < 0 || rank >= k) {
            throw new IndexOutOfBoundsException("query " + query + ", rank " + rank + " outside " + queries + " x " + k);
        }
        return query * k + rank;
    }
}
