package io.movierecs.index.live;

/**
 * What one batch did.
 *
 * @param upserted upserts applied
 * @param deleted deletes of movies that were held
 * @param stale upserts ignored because a newer (or deleted) version is held
 * @param sourceTsMs commit times of the applied upserts, for the freshness histogram
 * @param generation the index generation after the batch
 */
public record ApplyResult(int upserted, int deleted, int stale, long[] sourceTsMs, long generation) {

    public int changed() {
        return upserted + deleted;
    }
}
