package io.movierecs.cdc;

import io.movierecs.events.CatalogTable;
import io.movierecs.events.Topics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a Debezium destination to our topic: {@code <prefix>.<schema>.<table>} whichever connector produced it
 * (SQL Server's connector names topics {@code <prefix>.<database>.<schema>.<table>}).
 */
final class TopicRouter {

    private final String prefix;
    private final String schema;
    private final Map<String, String> routes = new ConcurrentHashMap<>();

    TopicRouter(String prefix, String schema) {
        this.prefix = prefix;
        this.schema = schema;
    }

    /** The topic for a destination; a destination that is not a catalog table is kept as it is. */
    String topicFor(String destination) {
        return routes.computeIfAbsent(destination, this::route);
    }

    /** The catalog table of a destination, or null when it is not one. */
    static CatalogTable tableOf(String destination) {
        String table = destination.substring(destination.lastIndexOf('.') + 1);
        try {
            return CatalogTable.ofTableName(table);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String route(String destination) {
        CatalogTable table = tableOf(destination);
        return table == null ? destination : Topics.catalog(prefix, schema, table).name();
    }
}
