package io.movierecs.catalog.importer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find ml-latest-small: env MOVIELENS_DIR (set by .ci/run), else ../shared beside the checkout. */
final class MovieLensData {

    private MovieLensData() {
    }

    static Path directory() {
        String configured = System.getenv("MOVIELENS_DIR");
        Path directory = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of("..", "..", "shared", "data", "ml-latest-small").toAbsolutePath().normalize();
        if (!Files.isRegularFile(directory.resolve("movies.csv"))) {
            throw new IllegalStateException("ml-latest-small not found at " + directory
                    + ": set MOVIELENS_DIR to the directory holding movies.csv, tags.csv and links.csv");
        }
        return directory;
    }
}
