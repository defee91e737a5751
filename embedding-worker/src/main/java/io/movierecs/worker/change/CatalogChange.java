package io.movierecs.worker.change;

import io.movierecs.events.CatalogTable;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row change in the catalog.
 *
 * @param table the table
 * @param op what happened
 * @param row the row after the change, or before it for a delete
 * @param tsMs commit time in the catalog
 * @param version the change's position in the catalog log ({@link io.movierecs.events.SourceVersion})
 */
public record CatalogChange(CatalogTable table, Op op, ObjectNode row, long tsMs, String version) {

    public CatalogChange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(version, "version");
    }

    public long movieId() {
        return row.path("movie_id").asLong();
    }

    public long personId() {
        return row.path("person_id").asLong();
    }

    /** The same change with another row (e.g. a credit enriched with the person's name). */
    public CatalogChange withRow(ObjectNode newRow) {
        return new CatalogChange(table, op, newRow, tsMs, version);
    }
}
