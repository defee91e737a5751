package io.movierecs.index.support;

import io.movierecs.catalog.importer.CatalogImporter;
import io.movierecs.catalog.importer.ImportReport;
import io.movierecs.catalog.importer.MovieUpsert;
import io.movierecs.embedding.MiniLmEncoder;
import io.movierecs.embedding.ModelVariant;
import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import io.movierecs.worker.document.MovieDocument;
import io.movierecs.worker.document.MovieText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real MiniLM vectors of ml-latest-small: {@code movies.csv} and {@code tags.csv} read as the catalog importer
 * maps them ({@link CatalogImporter#readMovieLens}), each movie rendered as the embedding worker renders it
 * ({@link MovieDocument}, {@link MovieText}: title, year, genres, tags as keywords), embedded with the fp32 model.
 *
 * <p>Embedding the 9,742 movies costs 40-60 s of CPU, so the vectors are cached in {@link VectorCache}, keyed by
 * the model id and a SHA-256 of every rendered text: a change of data, template or model embeds again. The data
 * folder comes from env {@code MOVIELENS_DIR}; without it this fails (it never skips).
 */
public final class MovieLensVectors {

    public static final String ENV = "MOVIELENS_DIR";
    private static final Logger log = LoggerFactory.getLogger(MovieLensVectors.class);
    private static final ModelVariant MODEL = ModelVariant.FP32;

    /**
     * One movie as the worker would publish it.
     *
     * @param movieId MovieLens movie id
     * @param title title without the year
     * @param year release year or null
     * @param genres genres
     * @param vector unit vector
     */
    public record Movie(long movieId, String title, Integer year, List<String> genres, float[] vector) {

        /** As a {@code movie-vectors} record at source version {@code version}. */
        public MovieVector toVector(long version, float[] replacement) {
            return new MovieVector(MovieVector.SCHEMA_VERSION, movieId, MODEL.modelId(), replacement,
                    "text-" + movieId, title, year, genres, null, System.currentTimeMillis(),
                    SourceVersion.ofPostgresLsn(version), System.currentTimeMillis());
        }
    }

    private MovieLensVectors() {
    }

    /** The directory named by {@code MOVIELENS_DIR}; a clear failure when unset or wrong. */
    public static Path directory() {
        String configured = System.getenv(ENV);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException(ENV + " is not set: point it at ml-latest-small (the folder holding "
                    + "movies.csv and tags.csv), e.g. export " + ENV + "=$PWD/../shared/data/ml-latest-small; "
                    + "./movie-recs test sets it");
        }
        Path directory = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(directory.resolve("movies.csv")) || !Files.isRegularFile(directory.resolve("tags.csv"))) {
            throw new IllegalStateException(ENV + "=" + configured + " holds no movies.csv and tags.csv");
        }
        return directory;
    }

    /** Every movie of {@link #directory()} with its vector, embedding only on a cache miss. */
    public static List<Movie> load() {
        Path directory = directory();
        List<MovieUpsert> rows;
        ImportReport report = new ImportReport();
        try {
            rows = CatalogImporter.readMovieLens(directory, report);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + directory, e);
        }
        if (!report.problems().isEmpty()) {
            throw new IllegalStateException("malformed rows in " + directory + ": " + report.problems());
        }
        JsonMapper json = JsonMapper.builder().build();
        List<MovieDocument> documents = new ArrayList<>(rows.size());
        List<String> texts = new ArrayList<>(rows.size());
        for (MovieUpsert row : rows) {
            MovieDocument document = document(json, row);
            documents.add(document);
            texts.add(MovieText.render(document));
        }
        float[][] vectors = vectors(documents, texts);
        List<Movie> movies = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            MovieDocument d = documents.get(i);
            movies.add(new Movie(d.movieId(), d.title(), d.year(), d.genres(), vectors[i]));
        }
        return movies;
    }

    /** The document the worker assembles from the {@code movies} row (Debezium column names), no credits. */
    private static MovieDocument document(JsonMapper json, MovieUpsert row) {
        ObjectNode node = json.createObjectNode();
        node.put("movie_id", row.movieId());
        for (Map.Entry<String, Object> column : row.values().entrySet()) {
            node.set(column.getKey(), json.valueToTree(column.getValue()));
        }
        return MovieDocument.of(node, List.of());
    }

    private static float[][] vectors(List<MovieDocument> documents, List<String> texts) {
        long[] ids = documents.stream().mapToLong(MovieDocument::movieId).toArray();
        VectorCache cache = VectorCache.forTexts(MODEL.modelId(), ids, texts);
        float[][] cached = cache.read(ids, MiniLmEncoder.DIMENSION);
        if (cached != null) {
            log.info("{} MiniLM vectors of {} read from {}", ids.length, directory(), cache.file());
            return cached;
        }
        long started = System.nanoTime();
        float[][] embedded;
        try (MiniLmEncoder encoder = MiniLmEncoder.load(MODEL)) {
            embedded = encoder.embedBatch(texts).toArray(new float[0][]);
        }
        log.info("embedded {} movies in {} s; caching them in {}", ids.length,
                Math.round((System.nanoTime() - started) / 1e9), cache.file());
        cache.write(ids, embedded);
        return embedded;
    }

    /** {@code movies}' vectors laid end to end. */
    public static float[] lay(List<Movie> movies) {
        int dim = MiniLmEncoder.DIMENSION;
        float[] laid = new float[movies.size() * dim];
        for (int i = 0; i < movies.size(); i++) {
            System.arraycopy(movies.get(i).vector(), 0, laid, i * dim, dim);
        }
        return laid;
    }

    /** A copy of the list, ids ascending (stable order for seeded use). */
    public static List<Movie> byId(List<Movie> movies) {
        Movie[] sorted = movies.toArray(new Movie[0]);
        Arrays.sort(sorted, (a, b) -> Long.compare(a.movieId(), b.movieId()));
        return List.of(sorted);
    }
}
