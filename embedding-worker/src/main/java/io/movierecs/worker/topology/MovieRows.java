package io.movierecs.worker.topology;

import io.movierecs.events.CatalogTable;
import io.movierecs.events.SourceVersion;
import io.movierecs.worker.change.CatalogChange;
import io.movierecs.worker.change.Op;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each movie's newest {@code movies} row, with its source version and where it was read (partition and offset
 * of the movies topic, so that a dead letter can name it), or the version of the delete that removed it (so an
 * older upsert replayed later cannot bring the movie back).
 *
 * <p>Stored as JSON: {@code {"version":..,"op":..,"tsMs":..,"partition":..,"offset":..,"row":{..}}} or
 * {@code {"version":..,"deleted":true}}. The previous format, the bare row, still loads: no version (the oldest),
 * offset unknown.
 */
final class MovieRows {

    /**
     * One stored entry.
     *
     * @param change the row as a change (its op, row, commit time and version), or null after a delete
     * @param version the version of the row or of the delete; null when unknown (older state)
     * @param partition partition of the movies topic the row was read from
     * @param offset its offset there, or -1 when unknown
     */
    record Entry(CatalogChange change, String version, int partition, long offset) {
        boolean live() {
            return change != null;
        }
    }

    private final KeyValueStore<String, String> store;

    MovieRows(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** The entry for a movie, or null when the movie was never seen. */
    Entry get(String key) {
        String stored = store.get(key);
        if (stored == null) {
            return null;
        }
        JsonNode node = MovieState.JSON.readTree(stored);
        if (!node.has("version") || !(node.has("row") || node.has("deleted"))) {
            ObjectNode legacy = (ObjectNode) node;
            return new Entry(new CatalogChange(CatalogTable.MOVIES, Op.UPDATE, legacy, 0L,
                    ""), null, 0, -1);
        }
        String version = node.path("version").asString();
        if (node.path("deleted").asBoolean(false)) {
            return new Entry(null, version, 0, -1);
        }
        CatalogChange change = new CatalogChange(CatalogTable.MOVIES,
                Op.of(node.path("op").asString("u")), (ObjectNode) node.path("row"), node.path("tsMs").asLong(0),
                version);
        return new Entry(change, version, node.path("partition").asInt(0), node.path("offset").asLong(-1));
    }

    /** The live row of a movie, or null (never seen, or deleted). */
    JsonNode row(String key) {
        Entry entry = get(key);
        return entry == null || !entry.live() ? null : entry.change().row();
    }

    /** Whether {@code change} is older than what is held for the movie (then it must be ignored). */
    boolean isOlder(String key, CatalogChange change) {
        Entry entry = get(key);
        return entry != null && SourceVersion.compare(change.version(), entry.version()) < 0;
    }

    /** Keeps an upsert of the row, read at {@code partition}/{@code offset} (-1: unknown). */
    void put(String key, CatalogChange change, int partition, long offset) {
        store.put(key, MovieState.JSON.createObjectNode().put("version", change.version())
                .put("op", change.op().code()).put("tsMs", change.tsMs()).put("partition", partition)
                .put("offset", offset).set("row", change.row()).toString());
    }

    /** Remembers a delete and its version. */
    void delete(String key, String version) {
        store.put(key, MovieState.JSON.createObjectNode().put("version", version).put("deleted", true).toString());
    }
}
