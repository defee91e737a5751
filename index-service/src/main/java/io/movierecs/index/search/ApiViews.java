package io.movierecs.index.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.movierecs.index.store.MovieMetadata;
import io.movierecs.index.store.StoredMovie;
import java.util.List;

/** The JSON shapes of the internal search API. */
final class ApiViews {

    private ApiViews() {
    }

    /**
     * POST /internal/v1/search.
     *
     * @param vector the query, of the index's dimension
     * @param k results wanted (default 10)
     * @param nprobe lists to visit (default: the index's)
     * @param genre only movies of this genre
     * @param yearFrom only movies from this year on
     * @param yearTo only movies up to this year
     * @param exclude movie ids never returned (e.g. those already liked)
     */
    record VectorSearch(float[] vector, Integer k, Integer nprobe, String genre, Integer yearFrom, Integer yearTo,
            List<Long> exclude) {
    }

    /**
     * A search answer.
     *
     * @param generation index generation searched: changes with every applied batch and swap (cache key)
     * @param position how far into the topic the index searched had applied (sum of the next offsets per
     *        partition): comparable across replicas, unlike the generation
     * @param factory the Faiss index searched
     * @param nprobe lists visited (0: exact)
     * @param exactScan answered by an exact scan of the filtered movies
     * @param results best first
     */
    record SearchResponse(long generation, long position, String factory, int nprobe, boolean exactScan,
            List<Result> results) {

        static SearchResponse of(SearchOutcome outcome) {
            return new SearchResponse(outcome.generation(), outcome.position(), outcome.layout().factory(),
                    outcome.nprobe(),
                    outcome.exactScan(), outcome.hits().stream().map(Result::of).toList());
        }
    }

    /** One result: the movie's display fields, credits and its score. */
    record Result(long movieId, float score, String title, Integer year, List<String> genres, String posterUrl,
            List<String> directors, List<String> cast) {

        static Result of(Hit hit) {
            MovieMetadata m = hit.movie().metadata();
            return new Result(hit.movie().movieId(), hit.score(), m.title(), m.year(), m.genres(), m.posterUrl(),
                    m.directors(), m.cast());
        }
    }

    /**
     * GET /internal/v1/movies/{id}: everything held about a movie; its vector only when asked
     * ({@code ?vector=true}, for the gateway's taste queries), else null and left out of the JSON.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Movie(long movieId, String title, Integer year, List<String> genres, String posterUrl, String modelId,
            String textHash, long sourceTsMs, String sourceVersion, List<String> directors, List<String> cast,
            float[] vector) {

        static Movie of(StoredMovie movie) {
            return of(movie, false);
        }

        static Movie of(StoredMovie movie, boolean withVector) {
            MovieMetadata m = movie.metadata();
            return new Movie(movie.movieId(), m.title(), m.year(), m.genres(), m.posterUrl(), m.modelId(),
                    m.textHash(), m.sourceTsMs(), m.sourceVersion(), m.directors(), m.cast(),
                    withVector ? movie.vector() : null);
        }
    }

    /** GET /internal/v1/titles. */
    record Titles(String prefix, List<Movie> movies) {
    }
}
