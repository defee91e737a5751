package io.movierecs.worker.change;

/**
 * Keys as Debezium's JSON converter writes them with schemas disabled ({@code {"movie_id":858}}). Records the
 * worker routes itself use the same bytes, so they land in the same partition as the connector's own records
 * (the default partitioner hashes the key bytes) and meet them in the same task.
 */
public final class Keys {

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private Keys() {
    }

    public static String movie(long movieId) {
        return "{\"movie_id\":" + movieId + "}";
    }

    public static String person(long personId) {
        return "{\"person_id\":" + personId + "}";
    }

    /** Why wrapped keys are refused, naming the setting that fixes them. */
    public static final String WRAPPED_KEY_ERROR = "key wrapped in {\"schema\":..,\"payload\":..} (Kafka Connect"
            + " JsonConverter with key schemas): its partition differs from the worker's own routed records, so"
            + " credits and renames would never reach the movie. Set key.converter.schemas.enable=false on the"
            + " connector (the value converter may keep schemas)";

    /** Whether a key is wrapped by Kafka Connect's JsonConverter with schemas enabled. */
    public static boolean isWrapped(String key) {
        if (key == null || !key.contains("\"payload\"") || !key.contains("\"schema\"")) {
            return false;
        }
        try {
            var json = JSON.readTree(key);
            return json.isObject() && json.has("schema") && json.has("payload");
        } catch (tools.jackson.core.JacksonException e) {
            return false;
        }
    }

    /** The movie id of a {@link #movie} key. */
    public static long movieId(String key) {
        int colon = key.indexOf(':');
        return Long.parseLong(key.substring(colon + 1, key.length() - 1).strip());
    }
}
