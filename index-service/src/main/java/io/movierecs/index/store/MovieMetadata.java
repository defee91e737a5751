package io.movierecs.index.store;

import io.movierecs.events.MovieVector;
import java.util.List;
import java.util.Objects;

/**
 * What the index keeps about a movie besides its vector.
 *
 * @param title display title
 * @param year release year, or null
 * @param genres genres in catalog order
 * @param posterUrl poster address, or null
 * @param modelId the model that made the vector
 * @param textHash SHA-256 of the embedded text
 * @param sourceTsMs commit time in the catalog of the change the vector reflects
 * @param sourceVersion that change's position in the catalog's log
 * @param directors directors in billing order (empty when the vector carried none)
 * @param cast cast in billing order (empty when the vector carried none)
 */
public record MovieMetadata(String title, Integer year, List<String> genres, String posterUrl, String modelId,
        String textHash, long sourceTsMs, String sourceVersion, List<String> directors, List<String> cast) {

    /** Metadata without credits. */
    public MovieMetadata(String title, Integer year, List<String> genres, String posterUrl, String modelId,
            String textHash, long sourceTsMs, String sourceVersion) {
        this(title, year, genres, posterUrl, modelId, textHash, sourceTsMs, sourceVersion, List.of(), List.of());
    }

    public MovieMetadata {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(textHash, "textHash");
        Objects.requireNonNull(sourceVersion, "sourceVersion");
        genres = genres == null ? List.of() : List.copyOf(genres);
        directors = directors == null ? List.of() : List.copyOf(directors);
        cast = cast == null ? List.of() : List.copyOf(cast);
    }

    public static MovieMetadata of(MovieVector vector) {
        return new MovieMetadata(vector.title(), vector.year(), vector.genres(), vector.posterUrl(),
                vector.modelId(), vector.textHash(), vector.sourceTsMs(), vector.sourceVersion(), vector.directors(),
                vector.cast());
    }

    /** True when one of the genres equals {@code genre}, ignoring case. */
    public boolean hasGenre(String genre) {
        for (String own : genres) {
            if (own.equalsIgnoreCase(genre)) {
                return true;
            }
        }
        return false;
    }
}
