package io.movierecs.events;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline, named in one place.
 *
 * <p>Catalog change topics are {@code <prefix>.<schema>.<table>} (Debezium's naming for PostgreSQL; catalog-cdc
 * uses the same names for SQL Server, whose connector would add the database name). Keys and values are
 * Debezium JSON with schemas disabled; a delete is followed by a tombstone (null value).
 */
public final class Topics {

    /** The default prefix of catalog change topics. */
    public static final String DEFAULT_CATALOG_PREFIX = "catalog";

    /** Movie embeddings, compacted; key = movie id, tombstone = deleted. Written by embedding-worker. */
    public static final Topic<Long, MovieVector> MOVIE_VECTORS =
            new Topic<>("movie-vectors", new MovieIdSerde(), new MovieVectorSerde());

    /** The default catalog schema (PostgreSQL's; SQL Server's is {@code dbo}). */
    public static final String DEFAULT_CATALOG_SCHEMA = "public";

    private Topics() {
    }

    /** The change topic of one catalog table. */
    public static Topic<String, String> catalog(String prefix, String schema, CatalogTable table) {
        return new Topic<>(prefix + "." + schema + "." + table.tableName(), Serdes.String(), Serdes.String());
    }

    /** The change topics of all catalog tables. */
    public static Map<CatalogTable, Topic<String, String>> catalog(String prefix, String schema) {
        Map<CatalogTable, Topic<String, String>> topics = new EnumMap<>(CatalogTable.class);
        for (CatalogTable table : CatalogTable.values()) {
            topics.put(table, catalog(prefix, schema, table));
        }
        return topics;
    }
}
