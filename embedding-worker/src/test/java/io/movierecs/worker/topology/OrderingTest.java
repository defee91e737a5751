package io.movierecs.worker.topology;

import static io.movierecs.worker.Envelopes.creditKey;
import static io.movierecs.worker.Envelopes.creditRow;
import static io.movierecs.worker.Envelopes.envelopeAt;
import static io.movierecs.worker.Envelopes.movieKey;
import static io.movierecs.worker.Envelopes.movieRow;
import static io.movierecs.worker.Envelopes.personKey;
import static io.movierecs.worker.Envelopes.personRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import io.movierecs.worker.document.MovieText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out-of-order and duplicate input: a row, credit or name older (by source version) than the one held is
 * ignored, an equal one is a harmless re-apply, a delete keeps its version so an older upsert cannot bring the
 * row, credit or name back, and state written by the previous version (no versions) still loads.
 */
class OrderingTest {

    @TempDir
    Path stateDir;

    private final FakeEmbedder embedder = new FakeEmbedder();
    private SimpleMeterRegistry registry;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> movies;
    private TestInputTopic<String, String> people;
    private TestInputTopic<String, String> credits;
    private TestOutputTopic<Long, MovieVector> vectors;

    @BeforeEach
    void startDriver() {
        registry = new SimpleMeterRegistry();
        driver = TestDrivers.start("ordering-test", new TopologySettings("catalog", "public", 1, 1, 8,
                Duration.ofMillis(10)), embedder, registry, stateDir);
        movies = TestDrivers.catalog(driver, "movies");
        people = TestDrivers.catalog(driver, "people");
        credits = TestDrivers.catalog(driver, "movie_people");
        vectors = TestDrivers.vectors(driver);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void flush() {
        driver.advanceWallClockTime(Duration.ofMillis(20));
    }

    private void movie(String op, long id, String title, long lsn) {
        movies.pipeInput(movieKey(id), envelopeAt(op, movieRow(id, title, 1999, "Drama"), "movies", lsn));
    }

    private void person(String op, long id, String name, long lsn) {
        people.pipeInput(personKey(id), envelopeAt(op, personRow(id, name), "people", lsn));
    }

    private void credit(String op, long movieId, long personId, String role, long lsn) {
        credits.pipeInput(creditKey(movieId, personId, role),
                envelopeAt(op, creditRow(movieId, personId, role, 1), "movie_people", lsn));
    }

    private static String hash(String text) {
        return MovieText.sha256(text);
    }

    private double ignored(String table) {
        return registry.find("worker.older.changes.ignored").tag("table", table).counter() == null ? 0
                : registry.get("worker.older.changes.ignored").tag("table", table).counter().count();
    }

    @Test
    void anOlderMovieRowArrivingLastIsIgnoredAndDuplicatesEmbedNothingNew() {
        movie("c", 1, "Old Title", 100);
        movie("u", 1, "New Title", 200);
        flush();
        movie("u", 1, "Old Title", 100);
        movie("u", 1, "New Title", 200);
        flush();

        List<MovieVector> out = vectors.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).textHash()).isEqualTo(hash("New Title (1999). Genres: Drama."));
        assertThat(out.get(0).sourceVersion()).isEqualTo(SourceVersion.ofPostgresLsn(200));
        assertThat(ignored("movies")).isEqualTo(1);
        assertThat(embedder.calls).hasSize(1);
    }

    @Test
    void aDeleteRemembersItsVersionSoAnOlderUpsertCannotResurrectTheMovie() {
        movie("c", 1, "Alpha", 100);
        flush();
        movie("d", 1, "Alpha", 300);
        movie("u", 1, "Alpha returns", 200);
        flush();

        List<TestRecord<Long, MovieVector>> out = vectors.readRecordsToList();
        assertThat(out).extracting(TestRecord::value).filteredOn(v -> v != null).hasSize(1);
        assertThat(out.get(out.size() - 1).value()).as("the delete is the last word").isNull();

        movie("c", 1, "Alpha reborn", 400);
        flush();
        assertThat(vectors.readValue().textHash()).as("a newer insert of the same id is a new movie")
                .isEqualTo(hash("Alpha reborn (1999). Genres: Drama."));
    }

    @Test
    void anOlderCreditIsIgnoredAndADeletedCreditStaysDeleted() {
        person("c", 7, "Ann Director", 10);
        movie("c", 1, "Alpha", 20);
        credit("c", 1, 7, "DIRECTOR", 30);
        flush();
        credit("d", 1, 7, "DIRECTOR", 50);
        flush();
        credit("c", 1, 7, "DIRECTOR", 40);
        credit("c", 1, 7, "DIRECTOR", 30);
        flush();

        List<MovieVector> out = vectors.readValuesToList();
        assertThat(out).extracting(MovieVector::textHash).containsExactly(
                hash("Alpha (1999). Genres: Drama. Directed by Ann Director."), hash("Alpha (1999). Genres: Drama."));
        assertThat(ignored("movie_people")).isEqualTo(2);
    }

    @Test
    void anOlderNameIsIgnoredAndADeletedPersonStaysNameless() {
        person("c", 7, "Ann", 10);
        movie("c", 1, "Alpha", 20);
        credit("c", 1, 7, "CAST", 30);
        person("u", 7, "Ann New", 50);
        flush();
        person("u", 7, "Ann Old", 40);
        flush();
        assertThat(vectors.readValuesToList()).extracting(MovieVector::textHash).last()
                .isEqualTo(hash("Alpha (1999). Genres: Drama. Starring Ann New."));

        person("d", 7, "Ann New", 70);
        person("u", 7, "Ann Zombie", 60);
        credit("u", 1, 7, "CAST", 65);
        flush();
        assertThat(vectors.readValuesToList()).extracting(MovieVector::textHash).last()
                .isEqualTo(hash("Alpha (1999). Genres: Drama."));
        assertThat(ignored("people")).isEqualTo(2);
    }

    @Test
    void versionsPublishedNeverGoBackAndAReplayedEqualVersionIsReApplied() {
        movie("c", 1, "Alpha", 100);
        flush();
        MovieVector first = vectors.readValue();
        driver.<String, String>getKeyValueStore(MovieProcessor.EMBEDDED).delete(movieKey(1));
        movie("c", 1, "Alpha", 100);
        flush();
        MovieVector again = vectors.readValue();
        assertThat(again.sourceVersion()).isEqualTo(first.sourceVersion());
        assertThat(again.textHash()).isEqualTo(first.textHash());
    }

    @Test
    void stateWrittenByThePreviousVersionStillLoadsAsTheOldest() {
        KeyValueStore<String, String> rows = driver.getKeyValueStore(MovieProcessor.ROWS);
        KeyValueStore<String, String> movieCredits = driver.getKeyValueStore(MovieProcessor.CREDITS);
        KeyValueStore<String, String> names = driver.getKeyValueStore(PersonProcessor.NAMES);
        KeyValueStore<String, String> personCredits = driver.getKeyValueStore(PersonProcessor.CREDITS);
        rows.put(movieKey(1), movieRow(1, "Alpha", 1999, "Drama").toString());
        movieCredits.put(movieKey(1), "[{\"person_id\":7,\"role\":\"CAST\",\"billing_order\":1,\"name\":\"Ann\"}]");
        names.put(personKey(7), "Ann");
        personCredits.put(personKey(7), "1/CAST");

        person("u", 7, "Ann Bee", 10);
        flush();
        assertThat(vectors.readValue().textHash()).isEqualTo(hash("Alpha (1999). Genres: Drama. Starring Ann Bee."));

        movie("u", 1, "Alpha II", 11);
        credit("d", 1, 7, "CAST", 12);
        flush();
        assertThat(vectors.readValuesToList()).extracting(MovieVector::textHash).last()
                .isEqualTo(hash("Alpha II (1999). Genres: Drama."));
    }
}
