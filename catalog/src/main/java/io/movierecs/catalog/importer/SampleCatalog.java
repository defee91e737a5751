package io.movierecs.catalog.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in sample catalog: about 150 well-known films with year, genres, a one-line overview, keywords,
 * directors and top-billed cast. Ids are MovieLens ids where the film is in ml-latest-small, so a MovieLens
 * import afterwards enriches the same rows.
 */
public final class SampleCatalog {

    static final String RESOURCE = "/sample-catalog/movies.json";

    /** Columns the sample sets; it leaves poster_url, imdb_id and tmdb_id alone. */
    static final List<String> COLUMNS = List.of("title", "release_year", "genres", "overview", "keywords");

    /** One film of the sample catalog, as written in the resource. */
    public record SampleMovie(long movieId, String title, Integer year, List<String> genres, String overview,
            List<String> keywords, List<String> directors, List<String> cast) {

        MovieUpsert toUpsert() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("title", title);
            values.put("release_year", year);
            values.put("genres", String.join("|", genres));
            values.put("overview", overview);
            values.put("keywords", keywords.isEmpty() ? null : String.join("|", keywords));
            return new MovieUpsert(movieId, values);
        }

        List<Credit> credits() {
            return Credit.of(directors, cast);
        }
    }

    private SampleCatalog() {
    }

    /** Reads the sample catalog from the classpath. */
    public static List<SampleMovie> load() {
        try (InputStream in = SampleCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sample catalog " + RESOURCE + " is missing from the classpath");
            }
            return JsonMapper.builder().build().readValue(in, new TypeReference<List<SampleMovie>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample catalog " + RESOURCE, e);
        }
    }
}
