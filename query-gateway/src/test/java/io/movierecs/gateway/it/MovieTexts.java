package io.movierecs.gateway.it;

import io.movierecs.catalog.importer.SampleCatalog.SampleMovie;
import java.util.ArrayList;
import java.util.List;

/** The worker's text template for a sample film (embedding-worker {@code MovieText}), kept here to stay light. */
final class MovieTexts {

    private MovieTexts() {
    }

    static String of(SampleMovie movie) {
        List<String> parts = new ArrayList<>();
        parts.add(movie.title() + (movie.year() == null ? "" : " (" + movie.year() + ")") + ".");
        if (!movie.genres().isEmpty()) {
            parts.add("Genres: " + String.join(", ", movie.genres()) + ".");
        }
        if (!movie.directors().isEmpty()) {
            parts.add("Directed by " + String.join(", ", movie.directors()) + ".");
        }
        if (!movie.cast().isEmpty()) {
            parts.add("Starring " + String.join(", ", movie.cast()) + ".");
        }
        if (!movie.keywords().isEmpty()) {
            parts.add("Keywords: " + String.join(", ", movie.keywords()) + ".");
        }
        if (movie.overview() != null) {
            parts.add(movie.overview());
        }
        return String.join(" ", parts);
    }
}
