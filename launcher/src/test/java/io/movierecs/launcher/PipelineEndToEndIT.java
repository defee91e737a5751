package io.movierecs.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline as {@code ./movie-recs run} starts it (embedded PostgreSQL, the broker, the four services as
 * child JVMs from their jars, the sample catalog), driven with SQL and observed through the gateway only: an
 * insert shows up in similar and search results, a cast change moves the neighbours, a rename re-embeds exactly
 * that person's films, and a delete is gone everywhere and stays gone across restarts, including kill -9 (the
 * supervisor restarts the killed service).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndIT {

    private static final long HEAT = 6;
    private static final long NEW_MOVIE = 990_001;
    private static final Duration VISIBLE = Duration.ofSeconds(20);

    static Path data;

    static Stack stack;
    static JsonHttp gateway;
    static JsonHttp index;

    @BeforeAll
    static void startPipeline() throws Exception {
        data = TestStacks.dataDirectory("pipeline");
        stack = Stack.start(TestStacks.settings(data), TestStacks.out());
        gateway = new JsonHttp(stack.url(Services.QUERY_GATEWAY));
        index = new JsonHttp(stack.url(Services.INDEX_SERVICE));
        long movies = stack.movies();
        new IndexProgress(stack.url(Services.INDEX_SERVICE)).awaitSettled(movies, Duration.ofSeconds(3),
                Duration.ofMinutes(5));
    }

    @AfterAll
    static void stopPipeline() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aNewMovieAppearsInSimilarAndSearchResults() throws Exception {
        assertThat(gateway.get("/api/v1/movies/" + NEW_MOVIE).status()).isEqualTo(404);
        try (Connection c = stack.catalog().connect()) {
            c.setAutoCommit(false);
            execute(c, "INSERT INTO movies (movie_id, title, release_year, genres, overview, keywords) VALUES ("
                    + NEW_MOVIE + ", 'Midnight Vault Job', 1996, 'Action|Crime|Thriller', 'A meticulous Los Angeles"
                    + " bank robbery crew plans one last heist while an obsessive detective hunts them.',"
                    + " 'heist|los angeles|cop|bank robbery')");
            credit(c, "Michael Mann", "DIRECTOR", 0);
            for (String actor : List.of("Al Pacino", "Robert De Niro", "Val Kilmer")) {
                credit(c, actor, "CAST", List.of("Al Pacino", "Robert De Niro", "Val Kilmer").indexOf(actor));
            }
            c.commit();
        }
        await().atMost(VISIBLE).until(() -> gateway.get("/api/v1/movies/" + NEW_MOVIE).status() == 200);
        assertThat(gateway.get("/api/v1/movies/" + NEW_MOVIE).body().path("title").asString())
                .isEqualTo("Midnight Vault Job");
        assertThat(similar(HEAT)).contains(NEW_MOVIE);
        assertThat(search("a bank robbery crew in Los Angeles hunted by a detective")).contains(NEW_MOVIE);
        assertThat(titles("Midnight Va")).contains(NEW_MOVIE);
    }

    @Test
    @Order(2)
    void changingTheCastMovesTheNeighbours() throws Exception {
        List<Long> before = similar(NEW_MOVIE);
        String hashBefore = textHash(NEW_MOVIE);
        try (Connection c = stack.catalog().connect()) {
            c.setAutoCommit(false);
            execute(c, "DELETE FROM movie_people WHERE movie_id = " + NEW_MOVIE + " AND role = 'CAST'");
            List<String> toyStoryCast = List.of("Tom Hanks", "Tim Allen", "Don Rickles");
            for (String actor : toyStoryCast) {
                credit(c, actor, "CAST", toyStoryCast.indexOf(actor));
            }
            c.commit();
        }
        await().atMost(VISIBLE).until(() -> !textHash(NEW_MOVIE).equals(hashBefore));
        await().atMost(VISIBLE).untilAsserted(() -> assertThat(similar(NEW_MOVIE)).isNotEqualTo(before));
    }

    @Test
    @Order(3)
    void renamingAPersonReEmbedsExactlyTheirFilms() throws Exception {
        List<Long> theirs = new ArrayList<>();
        List<Long> others = new ArrayList<>();
        long personId;
        try (Connection c = stack.catalog().connect(); Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT person_id FROM people WHERE name = 'Harrison Ford'")) {
                rows.next();
                personId = rows.getLong(1);
            }
            try (ResultSet rows = s.executeQuery("SELECT DISTINCT movie_id FROM movie_people WHERE person_id = "
                    + personId)) {
                while (rows.next()) {
                    theirs.add(rows.getLong(1));
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT movie_id FROM movies WHERE movie_id NOT IN (SELECT movie_id"
                    + " FROM movie_people WHERE person_id = " + personId + ") ORDER BY movie_id LIMIT 20")) {
                while (rows.next()) {
                    others.add(rows.getLong(1));
                }
            }
        }
        assertThat(theirs).hasSizeGreaterThanOrEqualTo(5);
        Map<Long, String> hashes = new HashMap<>();
        for (long movie : theirs) {
            hashes.put(movie, textHash(movie));
        }
        Map<Long, String> versions = new HashMap<>();
        for (long movie : others) {
            versions.put(movie, index.get("/internal/v1/movies/" + movie).body().path("sourceVersion").asString());
        }
        try (Connection c = stack.catalog().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE people SET name = 'Harrison J. Ford' WHERE person_id = " + personId);
        }
        await().atMost(VISIBLE).untilAsserted(() -> {
            for (long movie : theirs) {
                assertThat(textHash(movie)).as("movie %d", movie).isNotEqualTo(hashes.get(movie));
            }
        });
        for (long movie : others) {
            assertThat(index.get("/internal/v1/movies/" + movie).body().path("sourceVersion").asString())
                    .as("movie %d without Harrison Ford", movie).isEqualTo(versions.get(movie));
        }
    }

    @Test
    @Order(4)
    void aDeletedMovieIsGoneEverywhereAndStaysGoneAcrossRestarts() throws Exception {
        try (Connection c = stack.catalog().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM movies WHERE movie_id = " + NEW_MOVIE);
        }
        await().atMost(VISIBLE).until(() -> gateway.get("/api/v1/movies/" + NEW_MOVIE).status() == 404);
        assertGone();
        stack.kill(Services.INDEX_SERVICE);
        stack.awaitReady(Services.INDEX_SERVICE, Duration.ofMinutes(2));
        assertThat(stack.restarts(Services.INDEX_SERVICE)).as("restarts by the supervisor").isEqualTo(1);
        assertGone();
        for (String service : List.of(Services.EMBEDDING_WORKER, Services.CATALOG_CDC, Services.QUERY_GATEWAY)) {
            stack.restart(service);
            assertGone();
        }
    }

    @Test
    @Order(5)
    void aSecondRunResumesWithoutImportingOrEmbeddingAgain() throws Exception {
        long movies = stack.movies();
        long vectorsBefore = TopicSize.records(stack.bootstrapServers(), "movie-vectors");
        LaunchSettings settings = stack.settings();
        stack.close();
        stack = Stack.start(settings, TestStacks.out());
        gateway = new JsonHttp(stack.url(Services.QUERY_GATEWAY));
        index = new JsonHttp(stack.url(Services.INDEX_SERVICE));
        assertThat(stack.movies()).isEqualTo(movies);
        assertThat(new IndexProgress(stack.url(Services.INDEX_SERVICE)).searchable()).isEqualTo(movies);
        assertGone();
        // one edit through the restarted pipeline: once it is searchable, anything a restart re-embedded would
        // be on the topic too
        try (Connection c = stack.catalog().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE movies SET title = 'Heat (Director''s Definitive Edition)' WHERE movie_id = "
                    + HEAT);
        }
        await().atMost(VISIBLE).until(() -> gateway.get("/api/v1/movies/" + HEAT).body().path("title").asString()
                .equals("Heat (Director's Definitive Edition)"));
        assertThat(TopicSize.records(stack.bootstrapServers(), "movie-vectors")).isEqualTo(vectorsBefore + 1);
    }

    private void assertGone() {
        assertThat(gateway.get("/api/v1/movies/" + NEW_MOVIE).status()).isEqualTo(404);
        assertThat(gateway.get("/api/v1/movies/" + NEW_MOVIE + "/similar").status()).isEqualTo(404);
        assertThat(similar(HEAT)).doesNotContain(NEW_MOVIE);
        assertThat(search("a bank robbery crew in Los Angeles hunted by a detective")).doesNotContain(NEW_MOVIE);
        assertThat(titles("Midnight Va")).doesNotContain(NEW_MOVIE);
        assertThat(index.get("/internal/v1/movies/" + NEW_MOVIE).status()).isEqualTo(404);
    }

    private static List<Long> similar(long movie) {
        JsonHttp.Reply reply = gateway.get("/api/v1/movies/" + movie + "/similar?k=10");
        assertThat(reply.status()).as("similar to %d: %s", movie, reply.body()).isEqualTo(200);
        return TestStacks.ids(reply.body());
    }

    private static List<Long> search(String text) {
        JsonHttp.Reply reply = gateway.get("/api/v1/search?k=10&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        assertThat(reply.status()).as("search: %s", reply.body()).isEqualTo(200);
        return TestStacks.ids(reply.body());
    }

    private static List<Long> titles(String prefix) {
        JsonHttp.Reply reply = gateway.get("/api/v1/titles?prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        assertThat(reply.status()).as("titles: %s", reply.body()).isEqualTo(200);
        return TestStacks.ids(reply.body());
    }

    private static String textHash(long movie) {
        JsonNode body = index.get("/internal/v1/movies/" + movie).body();
        return body.path("textHash").asString();
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Credits a person, by name (the existing row), to the new movie. */
    private static void credit(Connection c, String name, String role, int billing) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO movie_people (movie_id, person_id, role,"
                + " billing_order) SELECT ?, person_id, ?, ? FROM people WHERE name = ? ORDER BY person_id LIMIT 1")) {
            insert.setLong(1, NEW_MOVIE);
            insert.setString(2, role);
            insert.setInt(3, billing);
            insert.setString(4, name);
            assertThat(insert.executeUpdate()).as("a person named %s", name).isEqualTo(1);
        }
    }
}
