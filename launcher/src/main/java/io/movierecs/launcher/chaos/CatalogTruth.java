package io.movierecs.launcher.chaos;

import io.movierecs.catalog.db.CatalogDatabase;
import io.movierecs.worker.document.Credit;
import io.movierecs.worker.document.MovieDocument;
import io.movierecs.worker.document.MovieText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog as it is, and what the index must hold for it: for every movie the SHA-256 of the worker's own
 * document text ({@link MovieText#render}), built from the rows exactly as the worker reads them from Debezium
 * (the {@code movies} row as JSON with its column names and types, the credits with the people's names).
 *
 * @param textHashes movie id to the text hash its vector must have been embedded from
 * @param titles movie id to its title
 */
record CatalogTruth(Map<Long, String> textHashes, Map<Long, String> titles) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static CatalogTruth read(CatalogDatabase catalog) throws SQLException {
        try (Connection c = catalog.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Map<Long, List<Credit>> credits = credits(c);
            Map<Long, String> hashes = new TreeMap<>();
            Map<Long, String> titles = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT movie_id, title,"
                    + " release_year, genres, overview, keywords, poster_url FROM movies")) {
                while (rows.next()) {
                    ObjectNode row = row(rows);
                    long id = rows.getLong("movie_id");
                    MovieDocument doc = MovieDocument.of(row, credits.getOrDefault(id, List.of()));
                    hashes.put(id, MovieText.sha256(MovieText.render(doc)));
                    titles.put(id, rows.getString("title"));
                }
            }
            c.commit();
            return new CatalogTruth(hashes, titles);
        }
    }

    /** A {@code movies} row as Debezium's JSON converter writes it (null columns as JSON null). */
    private static ObjectNode row(ResultSet rows) throws SQLException {
        ObjectNode row = JSON.createObjectNode();
        row.put("movie_id", rows.getLong("movie_id"));
        row.put("title", rows.getString("title"));
        int year = rows.getInt("release_year");
        if (rows.wasNull()) {
            row.putNull("release_year");
        } else {
            row.put("release_year", year);
        }
        for (String column : List.of("genres", "overview", "keywords", "poster_url")) {
            row.put(column, rows.getString(column));
        }
        return row;
    }

    private static Map<Long, List<Credit>> credits(Connection c) throws SQLException {
        Map<Long, List<Credit>> credits = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT mp.movie_id, mp.person_id,"
                + " mp.role, mp.billing_order, p.name FROM movie_people mp JOIN people p ON p.person_id = mp.person_id")) {
            while (rows.next()) {
                credits.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(new Credit(rows.getLong(2),
                        rows.getString(3), rows.getInt(4), rows.getString(5)));
            }
        }
        return credits;
    }

    boolean holds(long movie) {
        return textHashes.containsKey(movie);
    }
}
