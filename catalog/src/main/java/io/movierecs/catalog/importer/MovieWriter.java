package io.movierecs.catalog.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes movies in batches, touching only rows whose values differ, in plain SQL that PostgreSQL and SQL Server
 * both accept. A row already as given is not written, so it emits no change event.
 */
final class MovieWriter {

    private static final Map<String, Integer> COLUMN_TYPES = Map.of(
            "title", Types.VARCHAR,
            "release_year", Types.INTEGER,
            "genres", Types.VARCHAR,
            "overview", Types.VARCHAR,
            "keywords", Types.VARCHAR,
            "poster_url", Types.VARCHAR,
            "imdb_id", Types.VARCHAR,
            "tmdb_id", Types.BIGINT);

    private final List<String> columns;

    /** @param columns the columns this source sets, the same for every row */
    MovieWriter(List<String> columns) {
        for (String column : columns) {
            if (!COLUMN_TYPES.containsKey(column)) {
                throw new IllegalArgumentException("not a writable movies column: " + column);
            }
        }
        this.columns = List.copyOf(columns);
    }

    void write(Connection connection, List<MovieUpsert> rows, ImportReport.WriteCounts counts)
            throws SQLException {
        List<MovieUpsert> batch = lastPerMovie(rows);
        Map<Long, List<Object>> existing = load(connection, batch);
        List<MovieUpsert> inserts = new ArrayList<>();
        List<MovieUpsert> updates = new ArrayList<>();
        for (MovieUpsert movie : batch) {
            List<Object> current = existing.get(movie.movieId());
            if (current == null) {
                inserts.add(movie);
            } else if (!current.equals(normalized(movie))) {
                updates.add(movie);
            }
        }
        execute(connection, insertSql(), inserts, true);
        execute(connection, updateSql(), updates, false);
        counts.add(inserts.size(), updates.size(), 0, batch.size() - inserts.size() - updates.size());
    }

    private static List<MovieUpsert> lastPerMovie(List<MovieUpsert> rows) {
        Map<Long, MovieUpsert> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId.put(row.movieId(), row));
        return byId.size() == rows.size() ? rows : new ArrayList<>(byId.values());
    }

    private Map<Long, List<Object>> load(Connection connection, List<MovieUpsert> batch) throws SQLException {
        if (batch.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT movie_id, " + String.join(", ", columns) + " FROM movies WHERE movie_id IN ("
                + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")";
        Map<Long, List<Object>> rows = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < batch.size(); i++) {
                statement.setLong(i + 1, batch.get(i).movieId());
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    List<Object> values = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        values.add(normalize(result.getObject(i + 2)));
                    }
                    rows.put(result.getLong(1), values);
                }
            }
        }
        return rows;
    }

    private List<Object> normalized(MovieUpsert movie) {
        List<Object> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            values.add(normalize(movie.values().get(column)));
        }
        return values;
    }

    private static Object normalize(Object value) {
        return value instanceof Number number ? Long.valueOf(number.longValue()) : value;
    }

    private String insertSql() {
        return "INSERT INTO movies (" + String.join(", ", columns) + ", movie_id) VALUES ("
                + String.join(", ", Collections.nCopies(columns.size() + 1, "?")) + ")";
    }

    private String updateSql() {
        return "UPDATE movies SET " + String.join(" = ?, ", columns) + " = ?, updated_at = CURRENT_TIMESTAMP"
                + " WHERE movie_id = ?";
    }

    private void execute(Connection connection, String sql, List<MovieUpsert> rows, boolean insert)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (MovieUpsert movie : rows) {
                int index = 1;
                for (String column : columns) {
                    Object value = movie.values().get(column);
                    if (value == null) {
                        statement.setNull(index++, COLUMN_TYPES.get(column));
                    } else {
                        statement.setObject(index++, value, COLUMN_TYPES.get(column));
                    }
                }
                statement.setLong(index, movie.movieId());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new SQLException((insert ? "inserting" : "updating") + " " + rows.size() + " movies failed: "
                    + e.getMessage(), e.getSQLState(), e);
        }
    }
}
