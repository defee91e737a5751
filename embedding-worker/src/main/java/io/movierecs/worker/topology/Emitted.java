package io.movierecs.worker.topology;

import io.movierecs.events.MovieVector;

/** What the movie processor emits: a vector, a tombstone (vector null), or a dead letter. */
record Emitted(long movieId, MovieVector vector, DeadLetter deadLetter) {

    static Emitted vector(MovieVector vector) {
        return new Emitted(vector.movieId(), vector, null);
    }

    static Emitted tombstone(long movieId) {
        return new Emitted(movieId, null, null);
    }

    static Emitted dead(DeadLetter letter) {
        return new Emitted(-1, null, letter);
    }

    boolean isDeadLetter() {
        return deadLetter != null;
    }
}
