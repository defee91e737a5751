package io.movierecs.worker.topology;

import static io.movierecs.worker.Envelopes.creditKey;
import static io.movierecs.worker.Envelopes.creditRow;
import static io.movierecs.worker.Envelopes.movieKey;
import static io.movierecs.worker.Envelopes.movieRow;
import static io.movierecs.worker.Envelopes.personKey;
import static io.movierecs.worker.Envelopes.personRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.movierecs.embedding.MiniLmEncoder;
import io.movierecs.events.MovieVector;
import io.movierecs.worker.Envelopes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A movie seen only in snapshot reads (a backfill) is embedded once, after its row, credits and names have
 * settled (500 ms here), not once per arrival; a live change is embedded without waiting (TopologyTestDriver's
 * wall clock, the real model).
 */
class SnapshotSettleTest {

    private static MiniLmEncoder encoder;

    @TempDir
    Path stateDir;

    private final Envelopes envelopes = new Envelopes();
    private final List<Integer> batches = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> movies;
    private TestInputTopic<String, String> people;
    private TestInputTopic<String, String> credits;
    private TestOutputTopic<Long, MovieVector> vectors;

    @BeforeAll
    static void loadModel() {
        encoder = MiniLmEncoder.load();
    }

    @AfterAll
    static void closeModel() {
        encoder.close();
    }

    @BeforeEach
    void startDriver() {
        driver = TestDrivers.start("snapshot-settle-test", new TopologySettings("catalog", "public", 1, 1, 8,
                Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofMillis(500)),
                new BatchRecordingEmbedder(encoder, batches), new SimpleMeterRegistry(), stateDir);
        movies = TestDrivers.catalog(driver, "movies");
        people = TestDrivers.catalog(driver, "people");
        credits = TestDrivers.catalog(driver, "movie_people");
        vectors = TestDrivers.vectors(driver);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void advance(long millis) {
        driver.advanceWallClockTime(Duration.ofMillis(millis));
    }

    @Test
    void aBackfilledMovieIsEmbeddedOnceWithItsCreditsAndNames() {
        movies.pipeInput(movieKey(1), envelopes.envelope("r", movieRow(1, "Heat", 1995, "Crime"), "movies"));
        advance(100);
        credits.pipeInput(creditKey(1, 7, "DIRECTOR"), envelopes.envelope("r", creditRow(1, 7, "DIRECTOR", 0),
                "movie_people"));
        advance(100);
        people.pipeInput(personKey(7), envelopes.envelope("r", personRow(7, "Michael Mann"), "people"));
        advance(400);
        assertThat(vectors.isEmpty()).as("400 ms after the last piece arrived: still settling").isTrue();

        advance(150);
        List<MovieVector> out = vectors.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).directors()).containsExactly("Michael Mann");
        assertThat(batches).containsExactly(1);
    }

    @Test
    void aLiveChangeIsEmbeddedWithoutWaitingForTheSettleTime() {
        movies.pipeInput(movieKey(2), envelopes.envelope("r", movieRow(2, "Alien", 1979, "Horror"), "movies"));
        movies.pipeInput(movieKey(3), envelopes.envelope("c", movieRow(3, "Aliens", 1986, "Action"), "movies"));
        advance(20);
        assertThat(vectors.readValuesToList()).extracting(MovieVector::movieId).containsExactly(3L);

        movies.pipeInput(movieKey(2), envelopes.envelope("u", movieRow(2, "Alien (Director's Cut)", 1979, "Horror"),
                "movies"));
        advance(20);
        assertThat(vectors.readValuesToList()).extracting(MovieVector::title)
                .containsExactly("Alien (Director's Cut)");
        assertThat(batches).containsExactly(1, 1);
    }

    @Test
    void settledMoviesAreEmbeddedOneBatchPerCallSoEveryTransactionStaysShort() {
        for (int id = 100; id < 120; id++) {
            movies.pipeInput(movieKey(id), envelopes.envelope("r", movieRow(id, "Film " + id, 1990, "Drama"),
                    "movies"));
        }
        advance(550);
        assertThat(batches).as("one punctuation after all 20 settled: one batch of 8, not all 20").containsExactly(8);

        advance(250);
        advance(250);
        assertThat(batches).containsExactly(8, 8, 4);
        assertThat(vectors.readValuesToList()).extracting(MovieVector::movieId).doesNotHaveDuplicates().hasSize(20);
    }
}
