package io.movierecs.gateway.index;

/**
 * Optional result filters.
 *
 * @param genre only movies of this genre (ignoring case), or null
 * @param yearFrom only movies from this year on, or null
 * @param yearTo only movies up to this year, or null
 */
public record Filters(String genre, Integer yearFrom, Integer yearTo) {

    public static final Filters NONE = new Filters(null, null, null);

    /** A stable text for cache keys. */
    public String key() {
        return genre + "|" + yearFrom + "|" + yearTo;
    }
}
