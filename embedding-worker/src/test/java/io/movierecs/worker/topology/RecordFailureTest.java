package io.movierecs.worker.topology;

import static io.movierecs.worker.Envelopes.creditKey;
import static io.movierecs.worker.Envelopes.creditRow;
import static io.movierecs.worker.Envelopes.envelopeAt;
import static io.movierecs.worker.Envelopes.movieKey;
import static io.movierecs.worker.Envelopes.movieRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.movierecs.events.MovieVector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record that makes a processor fail is that record's dead letter and the worker goes on (instead of a stream
 * thread dying on it, being replaced and dying again forever); a key wrapped by Kafka Connect is a dead letter
 * with an error naming the setting to fix, and counted.
 */
class RecordFailureTest {

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> movies;
    private TestInputTopic<String, String> credits;
    private TestOutputTopic<Long, MovieVector> vectors;

    @BeforeEach
    void startDriver() {
        driver = TestDrivers.start("record-failure-test", new TopologySettings("catalog", "public", 1, 1, 8,
                Duration.ofMillis(10)), new FakeEmbedder(), registry, stateDir);
        movies = TestDrivers.catalog(driver, "movies");
        credits = TestDrivers.catalog(driver, "movie_people");
        vectors = TestDrivers.vectors(driver);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private TestOutputTopic<String, String> dlq(String table) {
        return driver.createOutputTopic("catalog.public." + table + ".dlq", Serdes.String().deserializer(),
                Serdes.String().deserializer());
    }

    @Test
    void aRecordThatMakesAProcessorFailIsItsDeadLetterAndTheWorkerGoesOn() {
        movies.pipeInput(movieKey(1), envelopeAt("c", movieRow(1, "Alpha", 1999, "Drama"), "movies", 10));
        movies.pipeInput("{\"movie_id\":\"x\"}", envelopeAt("c", movieRow(1, "Bad id", 1999, "Drama")
                .put("movie_id", "x"), "movies", 20));
        credits.pipeInput(creditKey(1, 7, "CAST"), envelopeAt("c", creditRow(1, 7, "CAST", 1)
                .put("billing_order", "first"), "movie_people", 30));
        movies.pipeInput(movieKey(2), envelopeAt("c", movieRow(2, "Beta", 1999, "Drama"), "movies", 40));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        assertThat(vectors.readValuesToList()).extracting(MovieVector::movieId).containsExactlyInAnyOrder(1L, 2L);
        TestRecord<String, String> badMovie = dlq("movies").readRecord();
        assertThat(badMovie.key()).isEqualTo("{\"movie_id\":\"x\"}");
        assertThat(header(badMovie, "dlq.source.offset")).isEqualTo("1");
        assertThat(badMovie.headers().lastHeader("dlq.replayable")).isNull();
        TestRecord<String, String> badCredit = dlq("movie_people").readRecord();
        assertThat(badCredit.key()).isEqualTo(creditKey(1, 7, "CAST"));
        assertThat(header(badCredit, "dlq.error")).contains("\"first\"");
        assertThat(header(badCredit, "dlq.replayable")).as("routed through a repartition topic").isEqualTo("false");
    }

    @Test
    void aWrappedConnectKeyIsADeadLetterNamingTheSettingAndIsCounted() {
        String wrapped = "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"field\":\"movie_id\"}]},"
                + "\"payload\":{\"movie_id\":1}}";
        movies.pipeInput(wrapped, envelopeAt("c", movieRow(1, "Alpha", 1999, "Drama"), "movies", 10));
        driver.advanceWallClockTime(Duration.ofMillis(20));

        TestRecord<String, String> dead = dlq("movies").readRecord();
        assertThat(dead.key()).isEqualTo(wrapped);
        assertThat(header(dead, "dlq.error")).contains("key.converter.schemas.enable=false");
        assertThat(registry.get("worker.wrapped.keys").tag("table", "movies").counter().count()).isEqualTo(1);
        assertThat(vectors.isEmpty()).isTrue();
    }

    private static String header(TestRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
