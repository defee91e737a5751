package io.movierecs.events;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The value of {@code movie-vectors}: one movie's embedding with the fields shown and filtered on. The key is
 * the movie id; a deleted movie is a tombstone (null value). JSON on the wire: see {@link MovieVectorSerde}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param movieId the catalog's movie_id
 * @param modelId the model that made the vector, e.g. {@code all-MiniLM-L6-v2/onnx-fp32}
 * @param vector the L2-normalised embedding (its length is the dimension)
 * @param textHash SHA-256 (hex) of the text that was embedded
 * @param title display title
 * @param year release year, or null
 * @param genres genres, in catalog order
 * @param posterUrl poster address, or null
 * @param sourceTsMs commit time in the catalog of the newest change this vector reflects
 * @param sourceVersion position in the catalog's log of that change ({@link SourceVersion}), monotonic per movie
 * @param embeddedAtMs when the vector was made (or, for an unchanged text, re-published)
 * @param directors directors' names in billing order (optional on the wire: empty when absent)
 * @param cast cast members' names in billing order, at most {@link #MAX_CAST} (optional on the wire)
 */
public record MovieVector(int schemaVersion, long movieId, String modelId, float[] vector, String textHash,
        String title, Integer year, List<String> genres, String posterUrl, long sourceTsMs, String sourceVersion,
        long embeddedAtMs, List<String> directors, List<String> cast) {

    /** The schema version written by this code; readers accept it and older ones. */
    public static final int SCHEMA_VERSION = 1;

    /** Cast members carried per movie (the first in billing order). */
    public static final int MAX_CAST = 10;

    /** A vector without credits (directors and cast empty), as written before they were added. */
    public MovieVector(int schemaVersion, long movieId, String modelId, float[] vector, String textHash,
            String title, Integer year, List<String> genres, String posterUrl, long sourceTsMs, String sourceVersion,
            long embeddedAtMs) {
        this(schemaVersion, movieId, modelId, vector, textHash, title, year, genres, posterUrl, sourceTsMs,
                sourceVersion, embeddedAtMs, List.of(), List.of());
    }

    public MovieVector {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(textHash, "textHash");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(sourceVersion, "sourceVersion");
        genres = genres == null ? List.of() : List.copyOf(genres);
        directors = directors == null ? List.of() : List.copyOf(directors);
        cast = cast == null ? List.of() : List.copyOf(cast.subList(0, Math.min(cast.size(), MAX_CAST)));
        if (vector.length == 0) {
            throw new IllegalArgumentException("movie " + movieId + ": empty vector");
        }
    }

    public int dim() {
        return vector.length;
    }

    /** True when this vector reflects a change at least as new as {@code other}'s. */
    public boolean isNotOlderThan(MovieVector other) {
        return SourceVersion.compare(sourceVersion, other.sourceVersion) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MovieVector that && schemaVersion == that.schemaVersion && movieId == that.movieId
                && sourceTsMs == that.sourceTsMs && embeddedAtMs == that.embeddedAtMs
                && modelId.equals(that.modelId) && Arrays.equals(vector, that.vector)
                && textHash.equals(that.textHash) && title.equals(that.title) && Objects.equals(year, that.year)
                && genres.equals(that.genres) && Objects.equals(posterUrl, that.posterUrl)
                && sourceVersion.equals(that.sourceVersion) && directors.equals(that.directors)
                && cast.equals(that.cast);
    }

    @Override
    public int hashCode() {
        return Objects.hash(movieId, modelId, textHash, sourceVersion, Arrays.hashCode(vector));
    }

    @Override
    public String toString() {
        return "MovieVector[movieId=" + movieId + ", title=" + title + ", modelId=" + modelId + ", dim="
                + vector.length + ", sourceVersion=" + sourceVersion + ", sourceTsMs=" + sourceTsMs + "]";
    }
}
