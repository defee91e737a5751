package io.movierecs.catalog.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;

/**
 * Maps a MovieLens directory (ml-latest-small and its larger siblings) to catalog rows: {@code movies.csv}
 * gives id, title, year and genres; {@code tags.csv} is aggregated into keywords (most-used first);
 * {@code links.csv} gives the IMDb and TMDB ids. MovieLens {@code movieId} becomes {@code movie_id}.
 */
final class MovieLensCatalog {

    /** Columns MovieLens sets; it leaves overview and poster_url alone. */
    static final List<String> COLUMNS = List.of("title", "release_year", "genres", "keywords", "imdb_id", "tmdb_id");

    static final int MAX_KEYWORDS = 10;

    private static final Pattern TITLE_YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:\\s*[-\u2013]\\s*\\d{0,4})?\\)\\s*$");
    private static final String NO_GENRES = "(no genres listed)";

    private record Link(String imdbId, Long tmdbId) {
    }

    private final Map<Long, String> keywords;
    private final Map<Long, Link> links;

    private MovieLensCatalog(Map<Long, String> keywords, Map<Long, Link> links) {
        this.keywords = keywords;
        this.links = links;
    }

    /** Reads tags and links of {@code directory}; movies are mapped row by row with {@link #movie}. */
    static MovieLensCatalog read(Path directory, MovieLensReader reader) throws IOException {
        Map<Long, Map<String, Integer>> tagCounts = new HashMap<>();
        reader.read(directory.resolve("tags.csv"), List.of("userId", "movieId", "tag", "timestamp"), row -> {
            long movieId = MovieLensReader.parseId(row.get(1), "movieId");
            String tag = row.get(2).strip().toLowerCase(java.util.Locale.ROOT);
            if (!tag.isEmpty()) {
                tagCounts.computeIfAbsent(movieId, id -> new HashMap<>()).merge(tag, 1, Integer::sum);
            }
        });
        Map<Long, Link> links = new HashMap<>();
        reader.read(directory.resolve("links.csv"), List.of("movieId", "imdbId", "tmdbId"), row -> {
            long movieId = MovieLensReader.parseId(row.get(0), "movieId");
            String imdb = row.get(1).strip();
            String tmdb = row.get(2).strip();
            links.put(movieId, new Link(imdb.isEmpty() ? null : "tt" + imdb,
                    tmdb.isEmpty() ? null : MovieLensReader.parseId(tmdb, "tmdbId")));
        });
        Map<Long, String> keywords = new HashMap<>();
        tagCounts.forEach((movieId, counts) -> keywords.put(movieId, topKeywords(counts)));
        return new MovieLensCatalog(keywords, links);
    }

    private static String topKeywords(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_KEYWORDS)
                .map(entry -> entry.getKey().replace('|', '/'))
                .collect(Collectors.joining("|"));
    }

    /** Maps one {@code movies.csv} row; throws {@link IllegalArgumentException} when it is malformed. */
    MovieUpsert movie(CSVRecord row) {
        long movieId = MovieLensReader.parseId(row.get(0), "movieId");
        String rawTitle = row.get(1).strip();
        if (rawTitle.isEmpty()) {
            throw new IllegalArgumentException("movie " + movieId + " has no title");
        }
        String title = rawTitle;
        Integer year = null;
        Matcher matcher = TITLE_YEAR.matcher(rawTitle);
        if (matcher.matches() && !matcher.group(1).isBlank()) {
            title = matcher.group(1).strip();
            year = Integer.valueOf(matcher.group(2));
        }
        String genres = row.get(2).strip();
        Link link = links.getOrDefault(movieId, new Link(null, null));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", title);
        values.put("release_year", year);
        values.put("genres", NO_GENRES.equals(genres) ? "" : genres);
        values.put("keywords", keywords.get(movieId));
        values.put("imdb_id", link.imdbId());
        values.put("tmdb_id", link.tmdbId());
        return new MovieUpsert(movieId, values);
    }
}
