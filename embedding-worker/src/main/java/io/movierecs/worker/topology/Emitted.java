package io.movierecs.worker.topology;

import io.movierecs.events.MovieVector;

/** What the movie processor emits: a vector, a tombstone (vector null), or a text the model rejected. */
record Emitted(long movieId, MovieVector vector, String rejectedText) {

    static Emitted vector(MovieVector vector) {
        return new Emitted(vector.movieId(), vector, null);
    }

    static Emitted tombstone(long movieId) {
        return new Emitted(movieId, null, null);
    }

    static Emitted rejected(long movieId, String text) {
        return new Emitted(movieId, null, text);
    }

    boolean isRejected() {
        return rejectedText != null;
    }
}
