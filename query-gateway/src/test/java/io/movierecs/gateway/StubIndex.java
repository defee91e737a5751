package io.movierecs.gateway;

import io.movierecs.gateway.index.Filters;
import io.movierecs.gateway.index.IndexClient;
import io.movierecs.gateway.index.IndexMovie;
import io.movierecs.gateway.index.IndexResults;
import io.movierecs.gateway.index.IndexState;
import io.movierecs.gateway.index.IndexUnavailableException;
import io.movierecs.gateway.index.MovieNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link IndexClient} over a few movies in memory, for slice and unit tests of our own code (the real
 * index-service is in the *IT tests). Similarity is the dot product of small hand-made vectors.
 */
public class StubIndex implements IndexClient {

    public final Map<Long, IndexMovie> movies = new LinkedHashMap<>();
    public final AtomicInteger calls = new AtomicInteger();
    public volatile boolean down;
    public volatile long generation = 1;

    public StubIndex() {
        add(858, "Godfather, The", 1972, List.of("Crime", "Drama"), List.of("Francis Ford Coppola"),
                List.of("Marlon Brando", "Al Pacino"), 1f, 0f, 0f);
        add(1221, "Godfather: Part II, The", 1974, List.of("Crime", "Drama"), List.of("Francis Ford Coppola"),
                List.of("Al Pacino", "Robert De Niro"), 0.9f, 0.1f, 0f);
        add(6, "Heat", 1995, List.of("Action", "Crime"), List.of("Michael Mann"),
                List.of("Al Pacino", "Robert De Niro"), 0.7f, 0.3f, 0f);
        add(2571, "Matrix, The", 1999, List.of("Action", "Sci-Fi"), List.of("Lana Wachowski"),
                List.of("Keanu Reeves"), 0f, 0.2f, 1f);
        add(1, "Toy Story", 1995, List.of("Animation", "Comedy"), List.of("John Lasseter"), List.of("Tom Hanks"),
                0f, 1f, 0.1f);
    }

    private void add(long id, String title, int year, List<String> genres, List<String> directors,
            List<String> cast, float... vector) {
        movies.put(id, new IndexMovie(id, title, year, genres, null, directors, cast, 1000L, 0f, vector));
    }

    private void call() {
        calls.incrementAndGet();
        if (down) {
            throw new IndexUnavailableException("stub index is down", null);
        }
    }

    @Override
    public IndexMovie movie(long id, boolean withVector) {
        call();
        IndexMovie movie = movies.get(id);
        if (movie == null) {
            throw new MovieNotFoundException("no movie " + id + " in the index");
        }
        return movie;
    }

    @Override
    public IndexResults similar(long id, int k, Filters filters) {
        return search(movie(id, true).vector(), k, filters, List.of(id));
    }

    @Override
    public IndexResults search(float[] vector, int k, Filters filters, List<Long> exclude) {
        call();
        List<IndexMovie> hits = new ArrayList<>();
        for (IndexMovie m : movies.values()) {
            if (exclude.contains(m.movieId()) || (filters.genre() != null && !m.genres().contains(filters.genre()))) {
                continue;
            }
            float score = 0;
            for (int i = 0; i < vector.length; i++) {
                score += vector[i] * m.vector()[i];
            }
            hits.add(new IndexMovie(m.movieId(), m.title(), m.year(), m.genres(), m.posterUrl(), m.directors(),
                    m.cast(), 0, score, null));
        }
        hits.sort((a, b) -> Float.compare(b.score(), a.score()));
        return new IndexResults(generation, hits.subList(0, Math.min(k, hits.size())));
    }

    @Override
    public List<IndexMovie> titles(String prefix, int limit) {
        call();
        String p = prefix.toLowerCase();
        return movies.values().stream().filter(m -> {
            String t = m.title().toLowerCase();
            String moved = t.endsWith(", the") ? "the " + t.substring(0, t.length() - 5) : t;
            return t.startsWith(p) || moved.startsWith(p)
                    || (moved.startsWith("the ") && moved.substring(4).startsWith(p));
        }).limit(limit).toList();
    }

    @Override
    public IndexState state() {
        call();
        return new IndexState("LIVE", "IDMap,Flat", movies.size(), generation, 1000L);
    }
}
