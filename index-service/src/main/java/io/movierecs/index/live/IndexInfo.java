package io.movierecs.index.live;

import io.movierecs.index.vectors.IndexLayout;

/**
 * How the serving index was built.
 *
 * @param layout factory, nlist, default nprobe
 * @param trainedAtMs when it was trained (0 for an exact index never trained)
 * @param trainedOn vectors it was built from (the base of the retrain-after-growth rule)
 * @param recallAt10 recall@10 against exact search at the default nprobe, on a sample (1 for exact)
 * @param buildSeconds time to train, fill and tune it
 */
public record IndexInfo(IndexLayout layout, long trainedAtMs, long trainedOn, double recallAt10,
        double buildSeconds) {

    public static IndexInfo exact(IndexLayout layout) {
        return new IndexInfo(layout, 0, 0, 1.0, 0);
    }
}
