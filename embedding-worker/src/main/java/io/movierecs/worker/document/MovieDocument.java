package io.movierecs.worker.document;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Everything embedded for one movie, assembled from its {@code movies} row and its credits.
 *
 * @param movieId the movie
 * @param title its title
 * @param year release year, or null
 * @param genres genres in catalog order
 * @param overview one-line overview, or null
 * @param keywords keywords in catalog order
 * @param posterUrl poster address, or null (display only: not embedded)
 * @param directors directors in billing order
 * @param cast cast in billing order
 */
public record MovieDocument(long movieId, String title, Integer year, List<String> genres, String overview,
        List<String> keywords, String posterUrl, List<String> directors, List<String> cast) {

    /** Builds the document from a {@code movies} row (Debezium column names) and the movie's credits. */
    public static MovieDocument of(JsonNode movie, List<Credit> credits) {
        JsonNode year = movie.path("release_year");
        return new MovieDocument(movie.path("movie_id").asLong(), movie.path("title").asString().strip(),
                year.isNumber() ? year.asInt() : null, split(movie.path("genres")),
                blankToNull(movie.path("overview")), split(movie.path("keywords")),
                blankToNull(movie.path("poster_url")), names(credits, true), names(credits, false));
    }

    private static List<String> names(List<Credit> credits, boolean directors) {
        return credits.stream()
                .filter(credit -> directors ? credit.isDirector() : credit.isCast())
                .filter(credit -> credit.name() != null && !credit.name().isBlank())
                .sorted(Comparator.comparingInt(Credit::billingOrder).thenComparingLong(Credit::personId))
                .map(credit -> credit.name().strip())
                .toList();
    }

    private static List<String> split(JsonNode pipeSeparated) {
        if (!pipeSeparated.isString() || pipeSeparated.asString().isBlank()) {
            return List.of();
        }
        return Arrays.stream(pipeSeparated.asString().split("\\|")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    private static String blankToNull(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString().strip() : null;
    }
}
