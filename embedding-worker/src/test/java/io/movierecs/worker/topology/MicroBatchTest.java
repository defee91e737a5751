package io.movierecs.worker.topology;

import static io.movierecs.worker.Envelopes.movieKey;
import static io.movierecs.worker.Envelopes.movieRow;
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
 * When the movie processor embeds a partial batch (TopologyTestDriver's wall clock, the real model): only once
 * the thread has had no record for the flush interval (10 ms here), or when the oldest pending movie has waited
 * the longest wait (200 ms here) while records kept coming.
 */
class MicroBatchTest {

    private static MiniLmEncoder encoder;

    @TempDir
    Path stateDir;

    private final Envelopes envelopes = new Envelopes();
    private final List<Integer> batches = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> movies;
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
        driver = TestDrivers.start("micro-batch-test", new TopologySettings("catalog", "public", 1, 1, 8,
                Duration.ofMillis(10), Duration.ofMillis(200)), new BatchRecordingEmbedder(encoder, batches),
                new SimpleMeterRegistry(), stateDir);
        movies = TestDrivers.catalog(driver, "movies");
        vectors = TestDrivers.vectors(driver);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void movie(long id, String title) {
        movies.pipeInput(movieKey(id), envelopes.envelope("u", movieRow(id, title, 1999, "Drama"), "movies"));
    }

    private void advance(long millis) {
        driver.advanceWallClockTime(Duration.ofMillis(millis));
    }

    @Test
    void aPartialBatchWaitsWhileRecordsKeepComingAndIsEmbeddedOnceTheThreadIsIdle() {
        movie(1, "Alpha");
        advance(6);
        movie(2, "Beta");
        advance(6);
        assertThat(vectors.isEmpty()).as("6 ms after the last record: not idle yet").isTrue();
        advance(6);

        assertThat(vectors.readValuesToList()).extracting(MovieVector::movieId).containsExactlyInAnyOrder(1L, 2L);
        assertThat(batches).containsExactly(2);
    }

    @Test
    void aFullBatchIsEmbeddedAtOnceWithoutWaiting() {
        for (long id = 1; id <= 8; id++) {
            movie(id, "Film " + id);
        }
        assertThat(vectors.readValuesToList()).hasSize(8);
        assertThat(batches).containsExactly(8);
    }

    @Test
    void aMovieChangedWithoutPauseIsEmbeddedWithinTheLongestWait() {
        long waited = 0;
        while (vectors.isEmpty() && waited < 1_000) {
            movie(1, "Take " + waited);
            advance(5);
            waited += 5;
        }
        assertThat(waited).isBetween(200L, 210L);
        assertThat(batches).containsExactly(1);
    }
}
