package io.movierecs.worker;

import static io.movierecs.worker.Envelopes.movieKey;
import static io.movierecs.worker.Envelopes.movieRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import io.movierecs.worker.document.MovieText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker against a broker in its own process: started while the broker is down (it waits, not ready, alive),
 * then the broker stopped for longer than the stall grace and the stream threads' task timeout, then frozen
 * (SIGSTOP). Each time readiness turns OUT_OF_SERVICE after the grace while liveness stays UP, and once the broker
 * is back (same port, same log directory) the changes made meanwhile become vectors and readiness is UP again.
 * Read committed, no movie's versions ever go back.
 */
class BrokerOutageIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerOutageIT.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final Envelopes env = new Envelopes();
    private final List<ConsumerRecord<Long, MovieVector>> seen = new ArrayList<>();
    private String base;

    @Test
    void ridesOutABrokerDownAtStartStoppedAndFrozen() throws Exception {
        int port = BrokerProcess.anyFreePort();
        try (BrokerProcess broker = new BrokerProcess(dir.resolve("broker"), port);
                ConfigurableApplicationContext app = new SpringApplicationBuilder(WorkerApplication.class).run(
                        "--server.port=0", "--spring.main.banner-mode=off",
                        "--embedding-worker.bootstrap-servers=" + broker.bootstrap(),
                        "--embedding-worker.state-dir=" + dir.resolve("state"),
                        "--embedding-worker.application-id=broker-outage-it",
                        "--embedding-worker.health.stall-grace-ms=3000",
                        "--embedding-worker.health.probe-interval-ms=500",
                        // low, so that an outage longer than it may kill stream threads (replaced, not counted)
                        "--embedding-worker.streams.task.timeout.ms=2000")) {
            base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            await().atMost(Duration.ofSeconds(30)).until(() -> body("/actuator/health/readiness")
                    .contains("waiting for Kafka"));
            assertThat(status("/actuator/health/readiness")).isEqualTo(503);
            assertThat(status("/actuator/health/liveness")).isEqualTo(200);

            broker.start();
            List<NewTopic> topics = new ArrayList<>();
            for (String table : List.of("movies", "people", "movie_people")) {
                topics.add(new NewTopic("catalog.public." + table, 3, (short) 1));
            }
            broker.createTopics(topics);
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(90)).until(() -> status("/actuator/health/readiness") == 200);
            log.info("broker up at start-up: ready {} ms after the topics exist", ms(started));

            try (KafkaProducer<String, String> producer = producer(broker.bootstrap());
                    KafkaConsumer<Long, MovieVector> vectors = WorkerCluster.vectorConsumer(broker.bootstrap())) {
                send(producer, 1, "Alpha");
                send(producer, 2, "Beta");
                awaitTexts(vectors, Map.of(1L, "Alpha", 2L, "Beta"));

                outage(broker, producer, vectors, false);
                outage(broker, producer, vectors, true);
            }
            assertVersionsNeverGoBack();
        }
    }

    private void outage(BrokerProcess broker, KafkaProducer<String, String> producer,
            KafkaConsumer<Long, MovieVector> vectors, boolean freeze) throws Exception {
        String what = freeze ? "frozen" : "stopped";
        long down = System.nanoTime();
        if (freeze) {
            broker.freeze();
        } else {
            broker.stop();
        }
        // an editor's changes during the outage: send() may block until the broker answers, so off this thread
        CompletableFuture<Void> changes = CompletableFuture.runAsync(() -> {
            send(producer, 1, "Alpha " + what);
            send(producer, freeze ? 4 : 3, "Made while " + what);
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 503);
        log.info("broker {}: readiness OUT_OF_SERVICE after {} ms: {}", what, ms(down),
                body("/actuator/health/readiness"));
        // longer than the stall grace and the stream threads' task timeout: liveness must still be UP
        await().pollDelay(Duration.ofSeconds(freeze ? 6 : 10)).atMost(Duration.ofSeconds(20))
                .until(() -> status("/actuator/health/liveness") == 200);
        long back = System.nanoTime();
        if (freeze) {
            broker.thaw();
        } else {
            broker.start();
        }
        log.info("broker {} for {} ms; back", what, (back - down) / 1_000_000);
        changes.get(60, TimeUnit.SECONDS);
        producer.flush();
        awaitTexts(vectors, Map.of(1L, "Alpha " + what, freeze ? 4L : 3L, "Made while " + what));
        log.info("broker {}: the changes made meanwhile are vectors {} ms after it came back", what, ms(back));
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 200);
        log.info("broker {}: ready again {} ms after it came back", what, ms(back));
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
    }

    private void send(KafkaProducer<String, String> producer, long id, String title) {
        producer.send(new ProducerRecord<>("catalog.public.movies", movieKey(id),
                env.envelope("u", movieRow(id, title, 2000, "Drama"), "movies")));
    }

    private void awaitTexts(KafkaConsumer<Long, MovieVector> vectors, Map<Long, String> titles) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            vectors.poll(Duration.ofMillis(200)).forEach(seen::add);
            return titles.entrySet().stream().allMatch(e -> seen.stream().anyMatch(r -> r.key().equals(e.getKey())
                    && r.value() != null && r.value().textHash().equals(
                            MovieText.sha256(e.getValue() + " (2000). Genres: Drama."))));
        });
    }

    private void assertVersionsNeverGoBack() {
        Map<Long, String> last = new TreeMap<>();
        for (ConsumerRecord<Long, MovieVector> record : seen) {
            String version = record.value().sourceVersion();
            String before = last.put(record.key(), version);
            assertThat(SourceVersion.compare(version, before)).as("movie %d: %s after %s", record.key(), version,
                    before).isGreaterThan(0);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String body(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long ms(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }
}
