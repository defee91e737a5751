package io.movierecs.gateway.api;

import io.movierecs.gateway.config.GatewayProperties;
import io.movierecs.gateway.recommend.MovieDetails;
import io.movierecs.gateway.recommend.Recommender;
import io.movierecs.gateway.recommend.Results;
import io.movierecs.gateway.recommend.Status;
import io.movierecs.gateway.recommend.TitleSuggestion;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public API, under /api/v1. Bad input is a 400 problem, unknown movies a 404, no index a 503. */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class MoviesController {

    private final Recommender recommender;
    private final Checks checks;

    MoviesController(Recommender recommender, GatewayProperties properties) {
        this.recommender = recommender;
        this.checks = new Checks(properties.maxTextLength());
    }

    @Operation(summary = "A movie's details: title, year, genres, poster, directors, cast")
    @GetMapping("/movies/{id}")
    MovieDetails movie(@PathVariable long id) {
        return recommender.details(id);
    }

    @Operation(summary = "Movies similar to a movie, with the reason when one exists")
    @GetMapping("/movies/{id}/similar")
    Results similar(@PathVariable long id, @RequestParam(required = false) Integer k,
            @RequestParam(required = false) String genre, @RequestParam(required = false) Integer yearFrom,
            @RequestParam(required = false) Integer yearTo) {
        return recommender.similar(id, Checks.k(k), Checks.filters(genre, yearFrom, yearTo));
    }

    @Operation(summary = "Movies similar to a title: exact match, else the best; '(1999)' picks the year")
    @GetMapping("/similar")
    Results similarToTitle(@RequestParam(required = false) String title, @RequestParam(required = false) Integer k,
            @RequestParam(required = false) String genre, @RequestParam(required = false) Integer yearFrom,
            @RequestParam(required = false) Integer yearTo) {
        String checked = checks.text("title", title);
        return recommender.similarToTitle(checked, Checks.k(k), Checks.filters(genre, yearFrom, yearTo));
    }

    @Operation(summary = "Free-text search: the text is embedded by the gateway and searched")
    @GetMapping("/search")
    Results search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer k,
            @RequestParam(required = false) String genre, @RequestParam(required = false) Integer yearFrom,
            @RequestParam(required = false) Integer yearTo) {
        String checked = checks.text("q", q);
        return recommender.search(checked, Checks.k(k), Checks.filters(genre, yearFrom, yearTo));
    }

    @Operation(summary = "Recommendations from liked and disliked movies; neither list is returned")
    @PostMapping(path = "/recommendations", consumes = "application/json")
    Results recommendations(@RequestBody TasteRequest taste) {
        if (taste == null) {
            throw new BadRequestException("a JSON body with liked movie ids is required");
        }
        Checks.taste(taste.liked(), taste.disliked());
        return recommender.recommend(taste.liked(), taste.disliked(), Checks.k(taste.k()),
                Checks.filters(taste.genre(), taste.yearFrom(), taste.yearTo()));
    }

    @Operation(summary = "Autocomplete: titles starting with the prefix (ignoring case, accents, a leading article)")
    @GetMapping("/titles")
    List<TitleSuggestion> titles(@RequestParam(required = false) String prefix,
            @RequestParam(required = false) Integer limit) {
        String checked = checks.text("prefix", prefix);
        return recommender.titles(checked, Checks.limit(limit));
    }

    @Operation(summary = "How fresh the index is: generation, size, age of the newest change")
    @GetMapping("/status")
    Status status() {
        return recommender.status();
    }
}
