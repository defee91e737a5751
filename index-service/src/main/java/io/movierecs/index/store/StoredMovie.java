package io.movierecs.index.store;

import io.movierecs.events.MovieVector;
import java.util.Objects;

/**
 * One movie as the index holds it. Immutable by convention: the vector array is never modified after
 * construction, so readers may share it.
 *
 * @param movieId the catalog's movie id (the Faiss id)
 * @param vector the embedding
 * @param metadata display, filter and provenance fields
 */
public record StoredMovie(long movieId, float[] vector, MovieMetadata metadata) {

    public StoredMovie {
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(metadata, "metadata");
    }

    public static StoredMovie of(MovieVector vector) {
        return new StoredMovie(vector.movieId(), vector.vector(), MovieMetadata.of(vector));
    }

    public String sourceVersion() {
        return metadata.sourceVersion();
    }
}
