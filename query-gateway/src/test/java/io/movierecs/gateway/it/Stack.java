package io.movierecs.gateway.it;

import io.movierecs.catalog.importer.SampleCatalog;
import io.movierecs.catalog.importer.SampleCatalog.SampleMovie;
import io.movierecs.embedding.MiniLmEncoder;
import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import io.movierecs.events.Topics;
import io.movierecs.gateway.GatewayApplication;
import io.movierecs.index.IndexServiceApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real stack for one test class: a KRaft broker with {@code movie-vectors}, movies embedded by the real
 * MiniLM encoder and produced onto it, index-service in this JVM (its own config name, so the gateway's
 * application.yml is not read for it), and the gateway on a random port.
 */
public final class Stack implements AutoCloseable {

    final EmbeddedKafkaKraftBroker broker;
    public final KafkaProducer<Long, MovieVector> producer;
    ConfigurableApplicationContext index;
    ConfigurableApplicationContext gateway;
    int indexPort;
    int gatewayPort;
    final HttpClient http = HttpClient.newHttpClient();

    public Stack() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.MOVIE_VECTORS.name(), 3, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                Topics.MOVIE_VECTORS.keySerde().serializer(), Topics.MOVIE_VECTORS.valueSerde().serializer());
    }

    public String servers() {
        return broker.getBrokersAsString();
    }

    /** The sample catalog's films, embedded by the real encoder, on movie-vectors (acknowledged). */
    List<SampleMovie> produceSampleCatalog(MiniLmEncoder encoder) throws Exception {
        List<SampleMovie> movies = SampleCatalog.load();
        List<float[]> vectors = encoder.embedBatch(movies.stream().map(MovieTexts::of).toList());
        List<Future<?>> sent = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < movies.size(); i++) {
            SampleMovie m = movies.get(i);
            MovieVector value = new MovieVector(MovieVector.SCHEMA_VERSION, m.movieId(), encoder.modelId(),
                    vectors.get(i), "hash-" + m.movieId(), m.title(), m.year(), m.genres(), null, now,
                    SourceVersion.ofPostgresLsn(1000 + i), now, m.directors(), m.cast());
            sent.add(producer.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(), m.movieId(), value)));
        }
        for (Future<?> future : sent) {
            future.get(30, TimeUnit.SECONDS);
        }
        return movies;
    }

    /** Starts index-service and waits until it serves {@code expected} movies. */
    public void startIndex(Path dataDir, long expected) {
        index = new SpringApplicationBuilder(IndexServiceApplication.class).run("--spring.config.name=index-service-it",
                "--server.port=0", "--spring.mvc.problemdetails.enabled=true",
                "--management.endpoints.web.exposure.include=health",
                "--index-service.kafka.bootstrap-servers=" + servers(),
                "--index-service.snapshot.dir=" + dataDir.resolve("snapshots"));
        indexPort = Integer.parseInt(index.getEnvironment().getProperty("local.server.port"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> indexSize() >= expected);
    }

    private long indexSize() throws Exception {
        HttpResponse<String> state = get("http://127.0.0.1:" + indexPort + "/internal/v1/index");
        String body = state.body();
        int at = body.indexOf("\"ntotal\":");
        return state.statusCode() == 200 && at >= 0 ? Long.parseLong(body.substring(at + 9).split("[,}]")[0]) : -1;
    }

    public void startGateway(String... extraArgs) {
        gateway = gatewayOn(extraArgs);
        gatewayPort = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
    }

    /** Another gateway on the same index (the benchmark compares settings side by side). */
    public ConfigurableApplicationContext gatewayOn(String... extraArgs) {
        return gatewayOnReplicas("http://127.0.0.1:" + indexPort, extraArgs);
    }

    /** The gateway on replicas elsewhere ({@code urls}: comma-separated), on a random port. */
    void startGatewayOnReplicas(String urls, String... extraArgs) {
        gateway = gatewayOnReplicas(urls, extraArgs);
        gatewayPort = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
    }

    private ConfigurableApplicationContext gatewayOnReplicas(String urls, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--query-gateway.index-service.urls=" + urls,
                "--query-gateway.index-service.timeout-ms=1000", "--query-gateway.index-service.retries=1"));
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
    }

    public String indexUrl() {
        return "http://127.0.0.1:" + indexPort;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void stopIndex() {
        if (index != null) {
            index.close();
            index = null;
        }
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        stopIndex();
        producer.close();
        broker.destroy();
    }
}
