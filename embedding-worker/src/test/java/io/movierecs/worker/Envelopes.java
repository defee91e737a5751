package io.movierecs.worker;

import io.movierecs.worker.change.Keys;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Debezium JSON envelopes (schemas disabled) as the PostgreSQL connector writes them, for tests. */
public final class Envelopes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicLong lsn = new AtomicLong(1000);

    public static String movieKey(long id) {
        return Keys.movie(id);
    }

    public static String personKey(long id) {
        return Keys.person(id);
    }

    public static String creditKey(long movieId, long personId, String role) {
        return "{\"movie_id\":" + movieId + ",\"person_id\":" + personId + ",\"role\":\"" + role + "\"}";
    }

    public static ObjectNode movieRow(long id, String title, int year, String genres) {
        return JSON.createObjectNode().put("movie_id", id).put("title", title).put("release_year", year)
                .put("genres", genres).putNull("overview").putNull("keywords").putNull("poster_url")
                .put("updated_at", "2026-11-24T10:00:00Z");
    }

    public static ObjectNode personRow(long id, String name) {
        return JSON.createObjectNode().put("person_id", id).put("name", name);
    }

    public static ObjectNode creditRow(long movieId, long personId, String role, int order) {
        return JSON.createObjectNode().put("movie_id", movieId).put("person_id", personId).put("role", role)
                .put("billing_order", order);
    }

    /** An envelope with the next LSN: c, u or r carry the row in after; d carries it in before. */
    public String envelope(String op, ObjectNode row, String table) {
        return envelopeAt(op, row, table, lsn.addAndGet(8));
    }

    /** An envelope at a given LSN (to feed changes out of order). */
    public static String envelopeAt(String op, ObjectNode row, String table, long lsn) {
        ObjectNode envelope = JSON.createObjectNode();
        if (op.equals("d")) {
            envelope.set("before", row);
            envelope.putNull("after");
        } else {
            envelope.putNull("before");
            envelope.set("after", row);
        }
        envelope.put("op", op);
        envelope.put("ts_ms", System.currentTimeMillis());
        envelope.putObject("source").put("connector", "postgresql").put("db", "catalog").put("schema", "public")
                .put("table", table).put("ts_ms", System.currentTimeMillis()).put("lsn", lsn);
        return envelope.toString();
    }

    public long lastLsn() {
        return lsn.get();
    }
}
