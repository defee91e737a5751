package io.movierecs.worker.change;

/**
 * Keys as Debezium's JSON converter writes them with schemas disabled ({@code {"movie_id":858}}). Records the
 * worker routes itself use the same bytes, so they land in the same partition as the connector's own records
 * (the default partitioner hashes the key bytes) and meet them in the same task.
 */
public final class Keys {

    private Keys() {
    }

    public static String movie(long movieId) {
        return "{\"movie_id\":" + movieId + "}";
    }

    public static String person(long personId) {
        return "{\"person_id\":" + personId + "}";
    }

    /** The movie id of a {@link #movie} key. */
    public static long movieId(String key) {
        int colon = key.indexOf(':');
        return Long.parseLong(key.substring(colon + 1, key.length() - 1).strip());
    }
}
