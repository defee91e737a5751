package io.movierecs.launcher.chaos;

import io.movierecs.launcher.JsonHttp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/**
 * The SQL of each kind of change, in the caller's transaction. Each returns the movie it touched and what the
 * gateway's {@code /api/v1/movies/{id}} shows once the change is visible; titles and names carry the change's
 * number, so every change is told apart from the one before.
 */
final class CatalogEdits {

    /** What an edit touched and how to see it. */
    record Edit(long movie, Predicate<JsonHttp.Reply> visible) {
    }

    private static final String[] WORDS = {"heist", "storm", "island", "detective", "robot", "family", "war",
        "summer", "secret", "river", "ghost", "city", "train", "dragon", "letter", "winter", "chess", "desert"};
    private static final String[] GENRES = {"Action", "Comedy", "Drama", "Thriller", "Sci-Fi", "Romance",
        "Horror", "Animation"};

    private final Random random;

    CatalogEdits(Random random) {
        this.random = random;
    }

    Edit insert(Connection c, long id, int seq, String prefix) throws SQLException {
        String title = prefix + " " + id + " [" + seq + "]";
        try (PreparedStatement s = c.prepareStatement("INSERT INTO movies (movie_id, title, release_year, genres,"
                + " overview, keywords) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, title);
            s.setInt(3, 1950 + random.nextInt(75));
            s.setString(4, GENRES[random.nextInt(GENRES.length)] + "|" + GENRES[random.nextInt(GENRES.length)]);
            s.setString(5, sentence(12));
            s.setString(6, word() + "|" + word());
            s.executeUpdate();
        }
        credit(c, id, randomPerson(c), "DIRECTOR", 0);
        for (int billing = 0; billing < 3; billing++) {
            credit(c, id, randomPerson(c), "CAST", billing);
        }
        return new Edit(id, reply -> reply.status() == 200 && title.equals(reply.body().path("title").asString()));
    }

    Edit textUpdate(Connection c, long id, String title, int seq) throws SQLException {
        String newTitle = base(title) + " [" + seq + "]";
        try (PreparedStatement s = c.prepareStatement("UPDATE movies SET title = ?, overview = ? WHERE movie_id = ?")) {
            s.setString(1, newTitle);
            s.setString(2, sentence(14));
            s.setLong(3, id);
            s.executeUpdate();
        }
        return new Edit(id, reply -> reply.status() == 200 && newTitle.equals(reply.body().path("title").asString()));
    }

    Edit posterUpdate(Connection c, long id, int seq) throws SQLException {
        String poster = "https://posters.example.org/" + id + "/" + seq + ".jpg";
        try (PreparedStatement s = c.prepareStatement("UPDATE movies SET poster_url = ? WHERE movie_id = ?")) {
            s.setString(1, poster);
            s.setLong(2, id);
            s.executeUpdate();
        }
        return new Edit(id, reply -> reply.status() == 200 && poster.equals(reply.body().path("posterUrl").asString()));
    }

    /** Drops one cast member (if any) and adds another person to the cast. */
    Edit castChange(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM movie_people WHERE (movie_id, person_id, role) IN"
                + " (SELECT movie_id, person_id, role FROM movie_people WHERE movie_id = ? AND role = 'CAST'"
                + " ORDER BY billing_order, person_id LIMIT 1 OFFSET ?)")) {
            s.setLong(1, id);
            s.setInt(2, random.nextInt(3));
            s.executeUpdate();
        }
        long person = randomPerson(c);
        credit(c, id, person, "CAST", 10 + random.nextInt(10));
        String name = name(c, person);
        return new Edit(id, reply -> reply.status() == 200 && names(reply, "cast").contains(name));
    }

    /** Renames a person who has credits; the gateway shows it on {@code movie}, one of their films. */
    Edit rename(Connection c, long person, long movie, String name, int seq) throws SQLException {
        String newName = base(name) + " [" + seq + "]";
        try (PreparedStatement s = c.prepareStatement("UPDATE people SET name = ? WHERE person_id = ?")) {
            s.setString(1, newName);
            s.setLong(2, person);
            s.executeUpdate();
        }
        return new Edit(movie, reply -> reply.status() == 200
                && (names(reply, "cast").contains(newName) || names(reply, "directors").contains(newName)));
    }

    Edit delete(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM movies WHERE movie_id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
        return new Edit(id, reply -> reply.status() == 404);
    }

    private void credit(Connection c, long movie, long person, String role, int billing) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO movie_people (movie_id, person_id, role,"
                + " billing_order) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setLong(1, movie);
            s.setLong(2, person);
            s.setString(3, role);
            s.setInt(4, billing);
            s.executeUpdate();
        }
    }

    private long randomPerson(Connection c) throws SQLException {
        long people = Rows.count(c, "SELECT count(*) FROM people");
        return Rows.longAt(c, "SELECT person_id FROM people ORDER BY person_id", random.nextLong(people));
    }

    private static String name(Connection c, long person) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT name FROM people WHERE person_id = ?")) {
            s.setLong(1, person);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getString(1).strip();
            }
        }
    }

    private static List<String> names(JsonHttp.Reply reply, String field) {
        return StreamSupport.stream(reply.body().path(field).spliterator(), false).map(n -> n.asString()).toList();
    }

    /** A title or name without the change number an earlier edit appended. */
    static String base(String text) {
        return text.replaceAll(" \\[\\d+]$", "");
    }

    private String sentence(int words) {
        StringBuilder text = new StringBuilder("A");
        for (int i = 0; i < words; i++) {
            text.append(' ').append(word());
        }
        return text.append('.').toString();
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }
}
