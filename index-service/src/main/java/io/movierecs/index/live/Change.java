package io.movierecs.index.live;

import io.movierecs.events.MovieVector;

/**
 * One record of the topic, decoded: an upsert, or a delete (tombstone) when {@code vector} is null.
 *
 * @param movieId the record's key
 * @param vector the new value, or null for a delete
 */
public record Change(long movieId, MovieVector vector) {

    public static Change upsert(MovieVector vector) {
        return new Change(vector.movieId(), vector);
    }

    public static Change delete(long movieId) {
        return new Change(movieId, null);
    }

    public boolean isDelete() {
        return vector == null;
    }
}
