package io.movierecs.worker.topology;

import static io.movierecs.worker.Envelopes.envelopeAt;
import static io.movierecs.worker.Envelopes.movieKey;
import static io.movierecs.worker.Envelopes.movieRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.movierecs.events.CatalogTable;
import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import io.movierecs.worker.WorkerMetrics;
import io.movierecs.worker.change.CatalogChange;
import io.movierecs.worker.change.ChangeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed embeddings: a broken model is retried with capped backoff (the movie stays pending, nothing is
 * dead-lettered, the failure is reported); a text the model rejects is a dead letter that replays: it carries the
 * movie's key and last row as a Debezium envelope with the row's topic, partition and offset, and re-producing it
 * to that topic re-embeds the movie.
 */
class EmbeddingFailureTest {

    @TempDir
    Path stateDir;

    private final FakeEmbedder embedder = new FakeEmbedder();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WorkerMetrics metrics = new WorkerMetrics(registry);
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> movies;
    private TestOutputTopic<Long, MovieVector> vectors;
    private TestOutputTopic<String, String> movieDlq;

    private void start() {
        TopologySettings settings = new TopologySettings("catalog", "public", 1, 1, 8, Duration.ofMillis(10),
                Duration.ofSeconds(1), Duration.ZERO, new TopologySettings.Retry(Duration.ofSeconds(1),
                        Duration.ofSeconds(4), 3));
        driver = TestDrivers.start("embedding-failure-test", settings, embedder, metrics, stateDir);
        movies = TestDrivers.catalog(driver, "movies");
        vectors = TestDrivers.vectors(driver);
        movieDlq = driver.createOutputTopic("catalog.public.movies.dlq", Serdes.String().deserializer(),
                Serdes.String().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void advance(long millis) {
        driver.advanceWallClockTime(Duration.ofMillis(millis));
    }

    private void movie(long id, String title, long lsn) {
        movies.pipeInput(movieKey(id), envelopeAt("c", movieRow(id, title, 1999, "Drama"), "movies", lsn));
    }

    private double counter(String name) {
        return registry.find(name).counter() == null ? 0 : registry.find(name).counter().count();
    }

    @Test
    void aBrokenModelIsRetriedWithBackoffUntilItWorksAndNothingIsDeadLettered() {
        start();
        // every call fails: the batch, each text alone, the probe (4 per round); two rounds, then the batch again
        embedder.failNext(4 + 4 + 1);
        movie(1, "Alpha", 100);
        movie(2, "Beta", 110);
        advance(20);
        assertThat(vectors.isEmpty()).isTrue();
        assertThat(metrics.embeddingFailure()).as("progress stalls").isNotNull();
        assertThat(counter("worker.embedding.retries")).as("both movies put back").isEqualTo(2);

        advance(500);
        assertThat(counter("worker.embedding.retries")).as("not due before 1 s").isEqualTo(2);
        advance(600);
        assertThat(counter("worker.embedding.retries")).as("second attempt failed, next in 2 s").isEqualTo(4);
        advance(1500);
        assertThat(vectors.isEmpty()).isTrue();
        advance(600);
        assertThat(vectors.readValuesToList()).extracting(MovieVector::movieId).containsExactlyInAnyOrder(1L, 2L);
        assertThat(movieDlq.isEmpty()).isTrue();
        assertThat(counter("worker.dead.letters")).isZero();
        assertThat(metrics.embeddingFailure()).as("progress resumes").isNull();
    }

    @Test
    void aTextTheEncoderRefusesIsADeadLetterAtOnceAndTheRestOfItsBatchIsEmbedded() {
        embedder.refuse(text -> text.contains("Unembeddable"));
        start();
        movie(10, "Alpha", 100);
        movie(11, "Unembeddable", 110);
        movie(12, "Gamma", 120);
        advance(20);

        assertThat(vectors.readValuesToList()).extracting(MovieVector::movieId).containsExactlyInAnyOrder(10L, 12L);
        TestRecord<String, String> dead = movieDlq.readRecord();
        assertThat(dead.key()).isEqualTo(movieKey(11));
        assertThat(header(dead, "dlq.error")).contains("blank");
        assertThat(header(dead, "dlq.error.class")).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(header(dead, "dlq.source.topic")).isEqualTo("catalog.public.movies");
        assertThat(header(dead, "dlq.source.partition")).isEqualTo("0");
        assertThat(header(dead, "dlq.source.offset")).as("offset of movie 11's row record").isEqualTo("1");
        CatalogChange change = new ChangeParser(CatalogTable.MOVIES).parse(dead.value()).orElseThrow();
        assertThat(change.row().path("title").asString()).isEqualTo("Unembeddable");
        assertThat(change.version()).isEqualTo(SourceVersion.ofPostgresLsn(110));
    }

    @Test
    void replayingTheDeadLetterOnceTheModelTakesTheTextReEmbedsTheMovie() {
        embedder.refuse(text -> text.contains("Unembeddable"));
        start();
        movie(11, "Unembeddable", 110);
        advance(20);
        TestRecord<String, String> dead = movieDlq.readRecord();
        assertThat(vectors.isEmpty()).isTrue();

        embedder.refuse(text -> false);
        movies.pipeInput(dead.key(), dead.value());
        advance(20);

        MovieVector vector = vectors.readValue();
        assertThat(vector.movieId()).isEqualTo(11);
        assertThat(vector.sourceVersion()).as("an equal version is re-applied").isEqualTo(
                SourceVersion.ofPostgresLsn(110));
        assertThat(movieDlq.isEmpty()).isTrue();
    }

    @Test
    void aTextThatFailsAloneWhileOthersEmbedIsRetriedThenDeadLettered() {
        embedder.failOn(text -> text.contains("Cursed"));
        start();
        movie(20, "Cursed", 100);
        movie(21, "Fine", 110);
        advance(20);
        assertThat(vectors.readValuesToList()).extracting(MovieVector::movieId).containsExactly(21L);
        assertThat(movieDlq.isEmpty()).as("first failure alone: retried").isTrue();

        advance(1100);
        assertThat(movieDlq.isEmpty()).as("second failure alone (probe embedded): retried").isTrue();
        advance(2100);
        TestRecord<String, String> dead = movieDlq.readRecord();
        assertThat(dead.key()).isEqualTo(movieKey(20));
        assertThat(header(dead, "dlq.error.class")).isEqualTo("io.movierecs.embedding.EmbeddingException");
        assertThat(counter("worker.embedding.retries")).isEqualTo(2);
    }

    private static String header(TestRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
