package io.movierecs.worker;

import static io.movierecs.worker.Envelopes.creditKey;
import static io.movierecs.worker.Envelopes.creditRow;
import static io.movierecs.worker.Envelopes.movieKey;
import static io.movierecs.worker.Envelopes.movieRow;
import static io.movierecs.worker.Envelopes.personKey;
import static io.movierecs.worker.Envelopes.personRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.events.MovieVector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The worker as an application against a real broker with the real model. */
class WorkerIT {

    static WorkerCluster cluster;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new WorkerCluster();
    }

    @AfterAll
    static void stopBroker() {
        cluster.close();
    }

    @Test
    void changesBecomeVectorsRenamesFanOutDeletesBecomeTombstonesPoisonIsDeadLettered() throws Exception {
        Envelopes env = new Envelopes();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WorkerApplication.class).run(
                "--server.port=0", "--spring.main.banner-mode=off",
                "--embedding-worker.bootstrap-servers=" + cluster.brokers(),
                "--embedding-worker.state-dir=" + stateDir.resolve("in-process"),
                "--embedding-worker.application-id=worker-it");
                KafkaConsumer<Long, MovieVector> vectors = cluster.vectorConsumer()) {
            cluster.send("people", personKey(1), env.envelope("c", personRow(1, "Ann Director"), "people"));
            for (long id = 1; id <= 3; id++) {
                cluster.send("movies", movieKey(id), env.envelope("c", movieRow(id, "Movie " + id, 2000, "Drama"),
                        "movies"));
            }
            cluster.send("movie_people", creditKey(1, 1, "DIRECTOR"), env.envelope("c",
                    creditRow(1, 1, "DIRECTOR", 1), "movie_people"));
            cluster.send("movie_people", creditKey(2, 1, "CAST"), env.envelope("c",
                    creditRow(2, 1, "CAST", 1), "movie_people"));
            cluster.send("movies", movieKey(99), "poison: not json");

            List<ConsumerRecord<Long, MovieVector>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                seen.addAll(WorkerCluster.poll(vectors));
                return has(seen, 1, "Movie 1 (2000). Genres: Drama. Directed by Ann Director.")
                        && has(seen, 2, "Movie 2 (2000). Genres: Drama. Starring Ann Director.")
                        && has(seen, 3, "Movie 3 (2000). Genres: Drama.");
            });

            int mark = seen.size();
            cluster.send("people", personKey(1), env.envelope("u", personRow(1, "Ann B. Director"), "people"));
            cluster.send("movies", movieKey(3), env.envelope("d", movieRow(3, "Movie 3", 2000, "Drama"), "movies"));
            cluster.send("movies", movieKey(3), null);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                seen.addAll(WorkerCluster.poll(vectors));
                List<ConsumerRecord<Long, MovieVector>> since = seen.subList(mark, seen.size());
                return has(since, 1, "Movie 1 (2000). Genres: Drama. Directed by Ann B. Director.")
                        && has(since, 2, "Movie 2 (2000). Genres: Drama. Starring Ann B. Director.")
                        && since.stream().anyMatch(r -> r.key() == 3 && r.value() == null);
            });
            List<ConsumerRecord<Long, MovieVector>> after = seen.subList(mark, seen.size());
            assertThat(after).filteredOn(r -> r.value() != null).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder(1L, 2L);
            assertThat(after).filteredOn(r -> r.value() == null).extracting(ConsumerRecord::key).containsExactly(3L);

            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            await().atMost(Duration.ofSeconds(10)).until(() -> get(base + "/actuator/health")
                    .contains("\"status\":\"UP\""));
            assertThat(get(base + "/actuator/health/readiness")).contains("\"progress\"");
            assertThat(get(base + "/actuator/health/liveness")).contains("\"kafkaStreams\"");
            String metrics = get(base + "/actuator/prometheus");
            assertThat(metrics).contains("worker_embeddings_total").contains("worker_batch_size")
                    .contains("pipeline_last_progress_seconds").contains("pipeline_stalled")
                    .contains("worker_dead_letters_total{table=\"movies\"} 1.0");
        }
    }

    @Test
    void catalogTopicsWithWrappedConnectKeysStopStartUpLoudlyAndLivenessFails() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", cluster.brokers()))) {
            admin.createTopics(java.util.stream.Stream.of("movies", "people", "movie_people")
                    .map(table -> new org.apache.kafka.clients.admin.NewTopic("wrapped.public." + table, 1,
                            (short) 1)).toList()).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        cluster.producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("wrapped.public.movies",
                "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"movie_id\":1}}",
                new Envelopes().envelope("c", movieRow(1, "Alpha", 2000, "Drama"), "movies"))).get();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WorkerApplication.class).run(
                "--server.port=0", "--spring.main.banner-mode=off",
                "--embedding-worker.bootstrap-servers=" + cluster.brokers(),
                "--embedding-worker.state-dir=" + stateDir.resolve("wrapped"),
                "--embedding-worker.topic-prefix=wrapped", "--embedding-worker.application-id=worker-it-wrapped")) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            await().atMost(Duration.ofSeconds(60)).until(() -> get(base + "/actuator/health/liveness")
                    .contains("DOWN"));
            assertThat(get(base + "/actuator/health/liveness")).contains("key.converter.schemas.enable=false")
                    .contains("wrapped.public.movies-0");
            assertThat(get(base + "/actuator/health/readiness")).contains("OUT_OF_SERVICE");
        }
    }

    private static boolean has(List<ConsumerRecord<Long, MovieVector>> records, long movieId, String text) {
        String hash = io.movierecs.worker.document.MovieText.sha256(text);
        return records.stream().anyMatch(r -> r.key() == movieId && r.value() != null
                && r.value().textHash().equals(hash) && r.value().dim() == 384);
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
