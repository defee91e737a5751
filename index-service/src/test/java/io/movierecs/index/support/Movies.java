package io.movierecs.index.support;

import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import java.util.List;

/** Builds {@link MovieVector}s for tests. */
public final class Movies {

    public static final String MODEL = "all-MiniLM-L6-v2/onnx-fp32";
    private static final String[] GENRES = {"Drama", "Comedy", "Action", "Thriller", "Romance", "Horror",
        "Documentary", "Animation"};

    private Movies() {
    }

    /** A movie at source version {@code version} (a PostgreSQL LSN). */
    public static MovieVector movie(long id, long version, float[] vector) {
        List<String> genres = id % 97 == 0 ? List.of("Film-Noir")
                : List.of(GENRES[(int) (id % GENRES.length)], GENRES[(int) ((id / 8) % GENRES.length)]);
        return movie(id, version, vector, "Movie " + id, 1950 + (int) (id % 70), genres);
    }

    public static MovieVector movie(long id, long version, float[] vector, String title, Integer year,
            List<String> genres) {
        return new MovieVector(MovieVector.SCHEMA_VERSION, id, MODEL, vector, "hash-" + id + "-" + version, title,
                year, genres, "https://posters.example/" + id + ".jpg", System.currentTimeMillis(),
                SourceVersion.ofPostgresLsn(version), System.currentTimeMillis());
    }
}
