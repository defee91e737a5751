package io.movierecs.catalog.importer;

import io.movierecs.catalog.db.CatalogDatabase;
import io.movierecs.catalog.importer.SampleCatalog.SampleMovie;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads catalogs into the database in batches, one transaction per batch. Imports add and update; they never
 * delete a movie that is not in the source.
 */
public final class CatalogImporter {

    /** Rows per batch (and per transaction). */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private static final List<String> MOVIES_CSV = List.of("movieId", "title", "genres");

    private final CatalogDatabase database;
    private final Progress progress;
    private final int batchSize;

    public CatalogImporter(CatalogDatabase database, Progress progress) {
        this(database, progress, DEFAULT_BATCH_SIZE);
    }

    public CatalogImporter(CatalogDatabase database, Progress progress, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1 but is " + batchSize);
        }
        this.database = database;
        this.progress = progress;
        this.batchSize = batchSize;
    }

    /** Loads the built-in sample catalog: movies, people and credits. */
    public ImportReport importSample() throws SQLException {
        List<SampleMovie> sample = SampleCatalog.load();
        ImportReport report = new ImportReport();
        MovieWriter movies = new MovieWriter(SampleCatalog.COLUMNS);
        CreditWriter credits = new CreditWriter();
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            for (int from = 0; from < sample.size(); from += batchSize) {
                List<SampleMovie> batch = sample.subList(from, Math.min(sample.size(), from + batchSize));
                movies.write(connection, batch.stream().map(SampleMovie::toUpsert).toList(), report.movies());
                Map<Long, List<Credit>> byMovie = new LinkedHashMap<>();
                batch.forEach(movie -> byMovie.put(movie.movieId(), movie.credits()));
                credits.write(connection, byMovie, report);
                connection.commit();
                progress.update("sample catalog", from + batch.size(), sample.size());
            }
        }
        return report;
    }

    /**
     * The movies of a MovieLens directory mapped as {@link #importMovieLens} maps them, without a database: for
     * tests and benchmarks that need the catalog's view of real data (index-service's recall test). Malformed
     * rows are left out and listed in {@code report}.
     */
    public static List<MovieUpsert> readMovieLens(Path directory, ImportReport report) throws IOException {
        MovieLensReader reader = new MovieLensReader(report::addProblem, Progress.NONE);
        MovieLensCatalog catalog = MovieLensCatalog.read(directory, reader);
        List<MovieUpsert> movies = new ArrayList<>();
        reader.read(directory.resolve("movies.csv"), MOVIES_CSV, row -> movies.add(catalog.movie(row)));
        return movies;
    }

    /** Loads a MovieLens directory holding {@code movies.csv}, {@code tags.csv} and {@code links.csv}. */
    public ImportReport importMovieLens(Path directory) throws IOException, SQLException {
        ImportReport report = new ImportReport();
        MovieLensReader reader = new MovieLensReader(report::addProblem, progress);
        MovieLensCatalog catalog = MovieLensCatalog.read(directory, reader);
        MovieWriter movies = new MovieWriter(MovieLensCatalog.COLUMNS);
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            List<MovieUpsert> batch = new ArrayList<>(batchSize);
            SqlBatch flush = () -> {
                movies.write(connection, batch, report.movies());
                connection.commit();
                batch.clear();
            };
            reader.read(directory.resolve("movies.csv"), MOVIES_CSV, row -> {
                batch.add(catalog.movie(row));
                if (batch.size() == batchSize) {
                    flush.runUnchecked();
                }
            });
            flush.run();
        } catch (UncheckedSqlException e) {
            throw e.getCause();
        }
        return report;
    }

    @FunctionalInterface
    private interface SqlBatch {
        void run() throws SQLException;

        default void runUnchecked() {
            try {
                run();
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        }
    }

    private static final class UncheckedSqlException extends RuntimeException {
        UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
