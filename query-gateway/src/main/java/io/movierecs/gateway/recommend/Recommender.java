package io.movierecs.gateway.recommend;

import io.movierecs.gateway.cache.AnswerCache;
import io.movierecs.gateway.index.Filters;
import io.movierecs.gateway.index.IndexClient;
import io.movierecs.gateway.index.IndexMovie;
import io.movierecs.gateway.index.IndexResults;
import io.movierecs.gateway.rotation.Rotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The API's answers. Inputs are already checked (k in range, text not blank); the index's own errors travel
 * up as exceptions the API turns into problem responses. Similar, by-title, search and title answers are
 * cached per applied index position ({@link AnswerCache}); taste answers are not (their keys rarely repeat).
 */
public class Recommender {

    /** How much a disliked movie pulls the taste vector away, against 1 for a liked one. */
    static final float DISLIKE_WEIGHT = 0.5f;

    private final IndexClient index;
    private final QueryEncoder encoder;
    private final AnswerCache cache;
    private final Rotation rotation;
    private final TitleResolver titles;

    public Recommender(IndexClient index, QueryEncoder encoder, AnswerCache cache, Rotation rotation) {
        this.index = index;
        this.encoder = encoder;
        this.cache = cache;
        this.rotation = rotation;
        this.titles = new TitleResolver(index);
    }

    public MovieDetails details(long id) {
        return cache.get("movie:" + id, () -> MovieDetails.of(index.movie(id, false)));
    }

    public Results similar(long id, int k, Filters filters) {
        return cache.get("similar:" + id + ":" + k + ":" + filters.key(),
                () -> similarTo(cache.get("anchor:" + id, () -> index.movie(id, false)), k, filters));
    }

    public Results similarToTitle(String title, int k, Filters filters) {
        return cache.get("title:" + title.strip().toLowerCase(java.util.Locale.ROOT) + ":" + k + ":" + filters.key(),
                () -> similarTo(titles.resolve(title), k, filters));
    }

    private Results similarTo(IndexMovie anchor, int k, Filters filters) {
        IndexResults found = index.similar(anchor.movieId(), k, filters);
        List<MovieResult> results = found.results().stream()
                .map(hit -> MovieResult.of(hit, Reasons.between(anchor, hit))).toList();
        return new Results(MovieDetails.of(anchor), found.generation(), results);
    }

    public Results search(String text, int k, Filters filters) {
        return cache.get("search:" + text.strip() + ":" + k + ":" + filters.key(), () -> {
            IndexResults found = index.search(encoder.embed(text.strip()), k, filters, List.of());
                return new Results(null, found.generation(), found.results().stream()
                    .map(hit -> MovieResult.of(hit, null)).toList());
        });
    }

    /** Nearest to the mean of the liked vectors minus a weight of the disliked mean; neither list returned. */
    public Results recommend(List<Long> liked, List<Long> disliked, int k, Filters filters) {
        List<IndexMovie> likedMovies = vectors(liked);
        List<IndexMovie> dislikedMovies = vectors(disliked);
        float[] taste = new float[likedMovies.get(0).vector().length];
        add(taste, likedMovies, 1f / likedMovies.size());
        if (!dislikedMovies.isEmpty()) {
            add(taste, dislikedMovies, -DISLIKE_WEIGHT / dislikedMovies.size());
        }
        normalise(taste);
        List<Long> exclude = new ArrayList<>(new LinkedHashSet<>(liked));
        exclude.addAll(disliked);
        IndexResults found = index.search(taste, k, filters, exclude);
        return new Results(null, found.generation(), found.results().stream()
                .map(hit -> MovieResult.of(hit, Reasons.fromLiked(likedMovies, hit))).toList());
    }

    public List<TitleSuggestion> titles(String prefix, int limit) {
        return cache.get("titles:" + prefix.strip().toLowerCase(java.util.Locale.ROOT) + ":" + limit,
                () -> index.titles(prefix.strip(), limit).stream().map(TitleSuggestion::of).toList());
    }

    public Status status() {
        return Status.of(rotation.view(), System.currentTimeMillis());
    }

    private List<IndexMovie> vectors(List<Long> ids) {
        return new LinkedHashSet<>(ids).stream().map(id -> index.movie(id, true)).toList();
    }

    private static void add(float[] sum, List<IndexMovie> movies, float weight) {
        for (IndexMovie movie : movies) {
            float[] vector = movie.vector();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += weight * vector[i];
            }
        }
    }

    private static void normalise(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        if (norm == 0) {
            return;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
    }
}
