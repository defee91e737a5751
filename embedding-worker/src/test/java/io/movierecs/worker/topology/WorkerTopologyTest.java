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
import io.movierecs.events.SourceVersion;
import io.movierecs.worker.Envelopes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's logic through TopologyTestDriver, with the real MiniLM model. */
class WorkerTopologyTest {

    static MiniLmEncoder encoder;

    @TempDir
    Path stateDir;

    private final Envelopes envelopes = new Envelopes();
    private SimpleMeterRegistry registry;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> movies;
    private TestInputTopic<String, String> people;
    private TestInputTopic<String, String> credits;
    private TestOutputTopic<Long, MovieVector> vectors;
    private String rejectMarker = "\u0000never";

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
        registry = new SimpleMeterRegistry();
        Embedder embedder = new Embedder() {
            @Override
            public String modelId() {
                return encoder.modelId();
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                // the real model; one text can be made to fail to show the dead-letter path for rejected texts
                if (texts.stream().anyMatch(text -> text.contains(rejectMarker))) {
                    throw new IllegalArgumentException("the model rejected the text");
                }
                return encoder.embedBatch(texts);
            }
        };
        driver = TestDrivers.start("worker-test", new TopologySettings("catalog", "public", 1, 1, 8,
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

    private double embeddings() {
        return registry.get("worker.embeddings").counter().count();
    }

    private void movie(String op, long id, String title) {
        movies.pipeInput(movieKey(id), envelopes.envelope(op, movieRow(id, title, 1999, "Drama|Crime"), "movies"));
    }

    private void person(String op, long id, String name) {
        people.pipeInput(personKey(id), envelopes.envelope(op, personRow(id, name), "people"));
    }

    private void credit(String op, long movieId, long personId, String role, int order) {
        credits.pipeInput(creditKey(movieId, personId, role),
                envelopes.envelope(op, creditRow(movieId, personId, role, order), "movie_people"));
    }

    @Test
    void assemblesOneDocumentPerMovieWithPeopleInBillingOrder() {
        person("r", 1, "Ann Director");
        person("r", 2, "Bob Actor");
        person("r", 3, "Cy Star");
        movie("r", 10, "Alpha");
        credit("r", 10, 1, "DIRECTOR", 1);
        credit("r", 10, 3, "CAST", 1);
        credit("r", 10, 2, "CAST", 2);
        flush();

        List<TestRecord<Long, MovieVector>> out = vectors.readRecordsToList();
        assertThat(out).hasSize(1);
        MovieVector vector = out.get(0).value();
        String expected = "Alpha (1999). Genres: Drama, Crime. Directed by Ann Director. Starring Cy Star, Bob Actor.";
        assertThat(vector.textHash()).isEqualTo(io.movierecs.worker.document.MovieText.sha256(expected));
        assertThat(cosine(vector.vector(), encoder.embed(expected))).isGreaterThan(0.9999);
        assertThat(vector.movieId()).isEqualTo(10);
        assertThat(vector.genres()).containsExactly("Drama", "Crime");
        assertThat(vector.sourceVersion()).isEqualTo(SourceVersion.ofPostgresLsn(envelopes.lastLsn()));
        assertThat(vector.modelId()).isEqualTo("all-MiniLM-L6-v2/onnx-fp32");
        assertThat(vector.directors()).containsExactly("Ann Director");
        assertThat(vector.cast()).containsExactly("Cy Star", "Bob Actor");
    }

    @Test
    void renameReEmbedsExactlyThePersonsMovies() {
        person("r", 1, "Ann Director");
        for (long movieId = 10; movieId <= 12; movieId++) {
            movie("r", movieId, "Movie " + movieId);
        }
        credit("r", 10, 1, "DIRECTOR", 1);
        credit("r", 11, 1, "CAST", 1);
        flush();
        assertThat(vectors.readRecordsToList()).hasSize(3);

        person("u", 1, "Ann B. Director");
        flush();

        List<MovieVector> out = vectors.readValuesToList();
        assertThat(out).extracting(MovieVector::movieId).containsExactlyInAnyOrder(10L, 11L);
        assertThat(out).allSatisfy(v -> assertThat(cosine(v.vector(), encoder.embed(v.title() + " (1999). Genres: "
                + "Drama, Crime. " + (v.movieId() == 10 ? "Directed by" : "Starring") + " Ann B. Director.")))
                .isGreaterThan(0.9999));
    }

    @Test
    void unchangedTextIsNotReEmbeddedButDisplayFieldsStillFlow() {
        movie("c", 10, "Alpha");
        flush();
        MovieVector first = vectors.readValue();
        double before = embeddings();

        movies.pipeInput(movieKey(10), envelopes.envelope("u",
                movieRow(10, "Alpha", 1999, "Drama|Crime").put("updated_at", "2026-11-25T00:00:00Z"), "movies"));
        flush();
        assertThat(vectors.isEmpty()).as("updated_at only: nothing downstream").isTrue();

        movies.pipeInput(movieKey(10), envelopes.envelope("u",
                movieRow(10, "Alpha", 1999, "Drama|Crime").put("poster_url", "https://img/alpha.jpg"), "movies"));
        flush();
        MovieVector poster = vectors.readValue();

        assertThat(embeddings()).isEqualTo(before);
        assertThat(registry.get("worker.unchanged.skips").counter().count()).isEqualTo(2);
        assertThat(poster.posterUrl()).isEqualTo("https://img/alpha.jpg");
        assertThat(poster.vector()).isEqualTo(first.vector());
        assertThat(SourceVersion.compare(poster.sourceVersion(), first.sourceVersion())).isPositive();
    }

    @Test
    void creditChangeReEmbedsThatMovie() {
        person("r", 2, "Bob Actor");
        movie("r", 10, "Alpha");
        movie("r", 11, "Beta");
        flush();
        vectors.readRecordsToList();

        credit("c", 11, 2, "CAST", 1);
        flush();

        assertThat(vectors.readValuesToList()).extracting(MovieVector::movieId).containsExactly(11L);
    }

    @Test
    void deletedMovieBecomesATombstoneAndStaysGone() {
        person("r", 1, "Ann Director");
        movie("r", 10, "Alpha");
        credit("r", 10, 1, "DIRECTOR", 1);
        flush();
        vectors.readRecordsToList();

        movie("d", 10, "Alpha");
        movies.pipeInput(movieKey(10), (String) null);
        credit("d", 10, 1, "DIRECTOR", 1);
        person("u", 1, "Renamed");
        flush();

        List<TestRecord<Long, MovieVector>> out = vectors.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo(10L);
        assertThat(out.get(0).value()).isNull();
    }

    @Test
    void burstOfChangesToOneMovieEmbedsOnceAndBatchesAreBounded() {
        for (int i = 0; i < 5; i++) {
            movie("u", 100, "Film number zero, take " + i);
        }
        for (int i = 1; i < 20; i++) {
            movie("c", 100 + i, "Film number " + i);
        }
        flush();

        List<MovieVector> out = vectors.readValuesToList();
        // the five updates to movie 100 collapse into one pending entry; a full batch of 8 flushes at once
        assertThat(out).extracting(MovieVector::movieId).doesNotHaveDuplicates().hasSize(20);
        assertThat(out.stream().filter(v -> v.movieId() == 100).reduce((a, b) -> b).orElseThrow().title())
                .isEqualTo("Film number zero, take 4");
        assertThat(registry.get("worker.batch.size").summary().max()).isLessThanOrEqualTo(8);
        assertThat(embeddings()).isEqualTo(20);
    }

    @Test
    void poisonRecordsGoToDeadLetterTopicsAndTheWorkerKeepsGoing() {
        TestOutputTopic<String, String> movieDlq = driver.createOutputTopic("catalog.public.movies.dlq",
                Serdes.String().deserializer(), Serdes.String().deserializer());
        TestOutputTopic<String, String> peopleDlq = driver.createOutputTopic("catalog.public.people.dlq",
                Serdes.String().deserializer(), Serdes.String().deserializer());

        movies.pipeInput(movieKey(1), "this is not json");
        movies.pipeInput(movieKey(2), "{\"op\":\"x\",\"after\":{\"movie_id\":2,\"title\":\"T\"},\"source\":{\"lsn\":1}}");
        people.pipeInput(personKey(3), "{\"op\":\"c\",\"after\":{\"name\":\"No Id\"},\"source\":{\"lsn\":2}}");
        movie("c", 10, "Alpha");
        flush();

        List<TestRecord<String, String>> dead = movieDlq.readRecordsToList();
        assertThat(dead).extracting(TestRecord::value).containsExactly("this is not json",
                "{\"op\":\"x\",\"after\":{\"movie_id\":2,\"title\":\"T\"},\"source\":{\"lsn\":1}}");
        assertThat(header(dead.get(0), "dlq.error")).contains("not JSON");
        assertThat(header(dead.get(1), "dlq.error")).contains("unknown op 'x'");
        assertThat(header(dead.get(1), "dlq.source.topic")).isEqualTo("catalog.public.movies");
        assertThat(header(peopleDlq.readRecord(), "dlq.error")).contains("without key column person_id");
        assertThat(vectors.readValuesToList()).extracting(MovieVector::movieId).containsExactly(10L);
        assertThat(registry.get("worker.dead.letters").tag("table", "movies").counter().count()).isEqualTo(2);
    }

    @Test
    void aTextTheModelRejectsIsADeadLetterAndTheRestOfItsBatchIsEmbedded() {
        rejectMarker = "Unembeddable";
        TestOutputTopic<String, String> movieDlq = driver.createOutputTopic("catalog.public.movies.dlq",
                Serdes.String().deserializer(), Serdes.String().deserializer());
        movie("c", 10, "Alpha");
        movie("c", 11, "Unembeddable");
        movie("c", 12, "Gamma");
        flush();

        assertThat(vectors.readValuesToList()).extracting(MovieVector::movieId).containsExactlyInAnyOrder(10L, 12L);
        TestRecord<String, String> dead = movieDlq.readRecord();
        assertThat(dead.key()).isEqualTo(movieKey(11));
        assertThat(dead.value()).contains("\"title\":\"Unembeddable\"");
        assertThat(header(dead, "dlq.error")).isEqualTo("the model rejected the text");
    }

    private static String header(TestRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
