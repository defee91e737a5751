package io.movierecs.events;

import java.util.List;

/**
 * The catalog tables whose changes are streamed, with their primary-key columns. The key of every change
 * record is the row's primary key as JSON, so a row's changes share a partition and stay in order.
 */
public enum CatalogTable {
    MOVIES("movies", List.of("movie_id")),
    PEOPLE("people", List.of("person_id")),
    MOVIE_PEOPLE("movie_people", List.of("movie_id", "person_id", "role"));

    private final String tableName;
    private final List<String> keyColumns;

    CatalogTable(String tableName, List<String> keyColumns) {
        this.tableName = tableName;
        this.keyColumns = keyColumns;
    }

    public String tableName() {
        return tableName;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** Finds a table by its SQL name, ignoring case. */
    public static CatalogTable ofTableName(String name) {
        for (CatalogTable table : values()) {
            if (table.tableName.equalsIgnoreCase(name)) {
                return table;
            }
        }
        throw new IllegalArgumentException("not a catalog table: " + name
                + " (expected one of movies, people, movie_people)");
    }
}
