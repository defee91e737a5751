package io.movierecs.gateway.bench;

import io.movierecs.embedding.MiniLmEncoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * ml-latest-small's movies as the benchmark's catalog: title, year and genres from {@code movies.csv},
 * embedded by the real fp32 encoder from the worker-style text "{title} ({year}). Genres: {genres}." The
 * vectors are kept in {@code ~/.cache/movie-recs} keyed by a hash of the texts, so only the first run pays
 * the ~1 minute of embedding; the gateway's figures do not depend on how the vectors were made.
 */
final class BenchVectors {

    record Movie(long id, String title, Integer year, List<String> genres, float[] vector) {
    }

    private BenchVectors() {
    }

    static List<Movie> load(Path movieLensDir) throws Exception {
        List<Movie> movies = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(movieLensDir.resolve("movies.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String raw = row.get("title").strip();
                Integer year = null;
                String title = raw;
                if (raw.matches(".*\\(\\d{4}\\)$")) {
                    year = Integer.parseInt(raw.substring(raw.length() - 5, raw.length() - 1));
                    title = raw.substring(0, raw.length() - 6).strip();
                }
                List<String> genres = row.get("genres").equals("(no genres listed)") ? List.of()
                        : Arrays.asList(row.get("genres").split("\\|"));
                movies.add(new Movie(Long.parseLong(row.get("movieId")), title, year, genres, null));
            }
        }
        List<String> texts = movies.stream().map(BenchVectors::text).toList();
        List<float[]> vectors = cachedOrEmbedded(texts);
        List<Movie> embedded = new ArrayList<>(movies.size());
        for (int i = 0; i < movies.size(); i++) {
            Movie m = movies.get(i);
            embedded.add(new Movie(m.id(), m.title(), m.year(), m.genres(), vectors.get(i)));
        }
        return embedded;
    }

    static String text(Movie m) {
        return m.title() + (m.year() == null ? "" : " (" + m.year() + ")") + "."
                + (m.genres().isEmpty() ? "" : " Genres: " + String.join(", ", m.genres()) + ".");
    }

    private static List<float[]> cachedOrEmbedded(List<String> texts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        texts.forEach(t -> sha.update((t + "\n").getBytes(StandardCharsets.UTF_8)));
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "movie-recs",
                "bench-gateway-vectors-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16) + ".bin");
        if (Files.exists(cache)) {
            System.out.println("vectors: " + cache + " (cached)");
            return read(cache, texts.size());
        }
        long started = System.nanoTime();
        List<float[]> vectors;
        try (MiniLmEncoder encoder = MiniLmEncoder.load()) {
            vectors = encoder.embedBatch(texts);
        }
        System.out.printf("vectors: embedded %d texts in %.1f s (fp32), cached in %s%n", texts.size(),
                (System.nanoTime() - started) / 1e9, cache);
        write(cache, vectors);
        return vectors;
    }

    private static void write(Path file, List<float[]> vectors) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(vectors.size());
            out.writeInt(vectors.get(0).length);
            for (float[] vector : vectors) {
                for (float value : vector) {
                    out.writeFloat(value);
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<float[]> read(Path file, int expected) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            int dim = in.readInt();
            if (count != expected) {
                throw new IOException(file + " holds " + count + " vectors, expected " + expected);
            }
            List<float[]> vectors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                float[] vector = new float[dim];
                for (int d = 0; d < dim; d++) {
                    vector[d] = in.readFloat();
                }
                vectors.add(vector);
            }
            return vectors;
        }
    }
}
