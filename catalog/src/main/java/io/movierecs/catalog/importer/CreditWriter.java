package io.movierecs.catalog.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Makes {@code movie_people} (and the {@code people} it needs) match the given credits of each movie, writing
 * only the differences. People are matched by exact name; a missing person is added.
 */
final class CreditWriter {

    private record Key(long movieId, long personId, String role) {
    }

    void write(Connection connection, Map<Long, List<Credit>> creditsByMovie, ImportReport report)
            throws SQLException {
        if (creditsByMovie.isEmpty()) {
            return;
        }
        Map<String, Long> people = ensurePeople(connection, creditsByMovie, report);
        Map<Key, Integer> existing = loadCredits(connection, creditsByMovie.keySet());
        Map<Key, Integer> wanted = new HashMap<>();
        creditsByMovie.forEach((movieId, credits) -> credits.forEach(credit -> wanted.put(
                new Key(movieId, people.get(credit.personName()), credit.role()), credit.billingOrder())));

        List<Key> deletes = new ArrayList<>();
        existing.keySet().stream().filter(key -> !wanted.containsKey(key)).forEach(deletes::add);
        List<Key> inserts = new ArrayList<>();
        List<Key> updates = new ArrayList<>();
        wanted.forEach((key, order) -> {
            Integer current = existing.get(key);
            if (current == null) {
                inserts.add(key);
            } else if (!current.equals(order)) {
                updates.add(key);
            }
        });
        batch(connection, "DELETE FROM movie_people WHERE movie_id = ? AND person_id = ? AND role = ?", deletes,
                null, false);
        batch(connection, "INSERT INTO movie_people (movie_id, person_id, role, billing_order) VALUES (?, ?, ?, ?)",
                inserts, wanted, false);
        batch(connection, "UPDATE movie_people SET billing_order = ? WHERE movie_id = ? AND person_id = ?"
                + " AND role = ?", updates, wanted, true);
        report.credits().add(inserts.size(), updates.size(), deletes.size(),
                wanted.size() - inserts.size() - updates.size());
    }

    private Map<String, Long> ensurePeople(Connection connection, Map<Long, List<Credit>> creditsByMovie,
            ImportReport report) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        creditsByMovie.values().forEach(credits -> credits.forEach(credit -> names.add(credit.personName())));
        Map<String, Long> known = loadPeople(connection, names);
        List<String> missing = names.stream().filter(name -> !known.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO people (name) VALUES (?)")) {
                for (String name : missing) {
                    insert.setString(1, name);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            known.putAll(loadPeople(connection, new TreeSet<>(missing)));
        }
        report.people().add(missing.size(), 0, 0, names.size() - missing.size());
        return known;
    }

    private Map<String, Long> loadPeople(Connection connection, TreeSet<String> names) throws SQLException {
        Map<String, Long> people = new HashMap<>();
        List<String> all = new ArrayList<>(names);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String sql = "SELECT person_id, name FROM people WHERE name IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY person_id";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        people.putIfAbsent(rows.getString(2), rows.getLong(1));
                    }
                }
            }
        }
        return people;
    }

    private Map<Key, Integer> loadCredits(Connection connection, java.util.Set<Long> movieIds) throws SQLException {
        String sql = "SELECT movie_id, person_id, role, billing_order FROM movie_people WHERE movie_id IN ("
                + String.join(", ", Collections.nCopies(movieIds.size(), "?")) + ")";
        Map<Key, Integer> credits = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            for (long movieId : movieIds) {
                select.setLong(index++, movieId);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    credits.put(new Key(rows.getLong(1), rows.getLong(2), rows.getString(3)), rows.getInt(4));
                }
            }
        }
        return credits;
    }

    private static void batch(Connection connection, String sql, List<Key> keys, Map<Key, Integer> orders,
            boolean orderFirst) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Key key : keys) {
                int index = 1;
                if (orderFirst) {
                    statement.setInt(index++, orders.get(key));
                }
                statement.setLong(index++, key.movieId());
                statement.setLong(index++, key.personId());
                statement.setString(index++, key.role());
                if (orders != null && !orderFirst) {
                    statement.setInt(index, orders.get(key));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
