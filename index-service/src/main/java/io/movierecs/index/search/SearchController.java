package io.movierecs.index.search;

import io.micrometer.core.instrument.Timer;
import io.movierecs.index.IndexProperties;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.metrics.IndexMetrics;
import io.movierecs.index.search.ApiViews.Movie;
import io.movierecs.index.search.ApiViews.SearchResponse;
import io.movierecs.index.search.ApiViews.Titles;
import io.movierecs.index.search.ApiViews.VectorSearch;
import io.movierecs.index.store.StoredMovie;
import java.util.HashSet;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The internal search API for the gateway, under /internal/v1. Bad input is a 400, unknown ids a 404. */
@RestController
@RequestMapping("/internal/v1")
class SearchController {

    private final SearchService search;
    private final LiveIndex live;
    private final RequestChecks checks;
    private final Timer vectorTimer;
    private final Timer movieTimer;

    SearchController(SearchService search, LiveIndex live, IndexProperties properties, IndexMetrics metrics) {
        this.search = search;
        this.live = live;
        this.checks = new RequestChecks(properties.dimension(), properties.search().maxK());
        this.vectorTimer = metrics.search("vector");
        this.movieTimer = metrics.search("movie");
    }

    @PostMapping("/search")
    SearchResponse byVector(@RequestBody VectorSearch request) {
        if (request == null) {
            throw RequestChecks.bad("a JSON body with a vector is required");
        }
        checks.vector(request.vector());
        int k = checks.k(request.k());
        int nprobe = checks.nprobe(request.nprobe());
        SearchFilter filter = checks.filter(request.genre(), request.yearFrom(), request.yearTo(),
                request.exclude() == null ? null : new HashSet<>(request.exclude()));
        return SearchResponse.of(vectorTimer.record(() -> search.search(request.vector(), k, nprobe, filter)));
    }

    @GetMapping("/movies/{id}/similar")
    SearchResponse similar(@PathVariable long id, @RequestParam(required = false) Integer k,
            @RequestParam(required = false) Integer nprobe, @RequestParam(required = false) String genre,
            @RequestParam(required = false) Integer yearFrom, @RequestParam(required = false) Integer yearTo) {
        int checkedK = checks.k(k);
        int checkedNprobe = checks.nprobe(nprobe);
        SearchFilter filter = checks.filter(genre, yearFrom, yearTo, null).excluding(id);
        StoredMovie movie = movie(id);
        return SearchResponse.of(movieTimer.record(
                () -> search.search(movie.vector(), checkedK, checkedNprobe, filter)));
    }

    @GetMapping("/movies/{id}")
    Movie byId(@PathVariable long id, @RequestParam(defaultValue = "false") boolean vector) {
        return Movie.of(movie(id), vector);
    }

    @GetMapping("/titles")
    Titles titles(@RequestParam(required = false) String prefix, @RequestParam(required = false) Integer limit) {
        if (prefix == null || prefix.isBlank()) {
            throw RequestChecks.bad("prefix is required and must not be blank");
        }
        if (prefix.length() > 200) {
            throw RequestChecks.bad("prefix is longer than 200 characters");
        }
        int checkedLimit = checks.limit(limit);
        return new Titles(prefix, live.store().titlesStartingWith(prefix, checkedLimit).stream().map(Movie::of)
                .toList());
    }

    private StoredMovie movie(long id) {
        return live.store().get(id).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no movie " + id + " in the index"));
    }
}
