package io.movierecs.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.catalog.db.CatalogDatabase;
import io.movierecs.catalog.db.CatalogMigrations;
import io.movierecs.catalog.db.EmbeddedCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The importer against a real (embedded) PostgreSQL: one server for the class, tests in order. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogImporterIT {

    @TempDir
    static Path dataDir;

    static EmbeddedCatalog catalog;
    static CatalogDatabase database;

    @BeforeAll
    static void startCatalog() throws Exception {
        catalog = EmbeddedCatalog.start(dataDir.resolve("pg"), freePort());
        database = catalog.database();
        assertThat(CatalogMigrations.migrate(database)).isEqualTo(2);
        assertThat(CatalogMigrations.migrate(database)).as("migrations are applied once").isZero();
    }

    @AfterAll
    static void stopCatalog() {
        if (catalog != null) {
            catalog.close();
        }
    }

    @Test
    @Order(1)
    void sampleCatalogLoadsMoviesPeopleAndCredits() throws Exception {
        ImportReport first = new CatalogImporter(database, Progress.NONE, 50).importSample();

        assertThat(first.problems()).isEmpty();
        assertThat(first.movies().inserted()).isGreaterThanOrEqualTo(150).isEqualTo(count("movies"));
        assertThat(count("people")).isEqualTo(first.people().inserted()).isGreaterThan(300);
        assertThat(count("movie_people")).isEqualTo(first.credits().inserted());
        assertThat(query("SELECT p.name FROM movie_people mp JOIN people p ON p.person_id = mp.person_id"
                + " WHERE mp.movie_id = 858 AND mp.role = 'DIRECTOR'")).isEqualTo("Francis Ford Coppola");
    }

    @Test
    @Order(2)
    void sampleImportTwiceChangesNothing() throws Exception {
        String updatedAt = query("SELECT max(updated_at)::text FROM movies");

        ImportReport second = new CatalogImporter(database, Progress.NONE).importSample();

        assertThat(second.changedNothing()).as(second.toString()).isTrue();
        assertThat(query("SELECT max(updated_at)::text FROM movies")).isEqualTo(updatedAt);
    }

    @Test
    @Order(3)
    void movieLensLoadsInSecondsAndKeepsSampleOverviews() throws Exception {
        long started = System.nanoTime();
        ImportReport report = new CatalogImporter(database, Progress.NONE).importMovieLens(MovieLensData.directory());
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(report.problems()).isEmpty();
        assertThat(count("movies")).isGreaterThanOrEqualTo(9742);
        assertThat(millis).as("ml-latest-small import time").isLessThan(30_000);
        assertThat(query("SELECT title || ' ' || release_year || ' ' || genres || ' ' || imdb_id || ' ' || tmdb_id"
                + " FROM movies WHERE movie_id = 1"))
                .isEqualTo("Toy Story 1995 Adventure|Animation|Children|Comedy|Fantasy tt0114709 862");
        assertThat(query("SELECT keywords FROM movies WHERE movie_id = 1")).contains("pixar");
        assertThat(query("SELECT overview FROM movies WHERE movie_id = 858")).as("sample overview kept").isNotBlank();

        ImportReport again = new CatalogImporter(database, Progress.NONE).importMovieLens(MovieLensData.directory());
        assertThat(again.changedNothing()).as(again.toString()).isTrue();
    }

    @Test
    @Order(4)
    void malformedRowsAreReportedAndTheRestLoad() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("broken-movielens"));
        Files.writeString(dir.resolve("movies.csv"), """
                movieId,title,genres
                990001,Good One (2001),Drama
                oops,Bad Id (2002),Drama
                990002,Missing Genres (2003)
                990003,"Unclosed quote (2004),Drama
                990004,Another Good One (2005),Comedy|Drama
                """);
        Files.writeString(dir.resolve("tags.csv"), "userId,movieId,tag,timestamp\n1,990001,quiet,1\n");
        Files.writeString(dir.resolve("links.csv"), "movieId,imdbId,tmdbId\n990001,0000001,\n");

        ImportReport report = new CatalogImporter(database, Progress.NONE).importMovieLens(dir);

        assertThat(report.problems()).extracting(p -> p.file() + ":" + p.line())
                .containsExactly("movies.csv:3", "movies.csv:4", "movies.csv:5");
        assertThat(report.problems().get(0).message()).contains("movieId is not a number: 'oops'");
        assertThat(report.problems().get(1).message()).contains("expected 3 fields but found 2");
        assertThat(report.movies().inserted()).isEqualTo(2);
        assertThat(query("SELECT count(*) FROM movies WHERE movie_id IN (990001, 990004)")).isEqualTo("2");
        assertThat(query("SELECT keywords FROM movies WHERE movie_id = 990001")).isEqualTo("quiet");
    }

    private static long count(String table) throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM " + table));
    }

    private static String query(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from " + sql).isTrue();
            return rows.getString(1);
        }
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 0,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
