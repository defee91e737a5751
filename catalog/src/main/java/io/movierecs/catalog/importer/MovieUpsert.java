package io.movierecs.catalog.importer;

import java.util.Map;

/**
 * The values one source gives for a movie. Columns it does not name are left as they are in the database.
 *
 * @param movieId the movie's primary key
 * @param values column name to value (String, Integer or Long; null clears the column)
 */
public record MovieUpsert(long movieId, Map<String, Object> values) {
}
