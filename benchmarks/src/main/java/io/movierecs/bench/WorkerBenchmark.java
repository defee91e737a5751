package io.movierecs.bench;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.movierecs.catalog.db.CatalogMigrations;
import io.movierecs.catalog.db.EmbeddedCatalog;
import io.movierecs.catalog.importer.CatalogImporter;
import io.movierecs.catalog.importer.Progress;
import io.movierecs.cdc.CatalogCdcApplication;
import io.movierecs.events.MovieVector;
import io.movierecs.embedding.EncoderOptions;
import io.movierecs.embedding.MiniLmEncoder;
import io.movierecs.embedding.ModelVariant;
import io.movierecs.events.CatalogTable;
import io.movierecs.events.Topic;
import io.movierecs.events.Topics;
import io.movierecs.worker.document.MovieDocument;
import io.movierecs.worker.document.MovieText;
import io.movierecs.worker.WorkerApplication;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * {@code ./movie-recs bench worker [UPDATES] [MOVIELENS_DIR]}: ml-latest-small imported into an embedded
 * PostgreSQL and streamed by catalog-cdc into a real broker; then the encoder alone on the worker's texts (the
 * ceiling), embedding-worker's backfill (fp32, then int8 with its cosine to fp32), and single catalog updates
 * timed from commit to vector on movie-vectors, split into CDC capture and the worker alone. Each phase prints
 * its wall time, the process CPU it used and so the cores used, and the rate per core used.
 *
 * <p>Environment: {@code BENCH_PARTS} (default {@code encoder,fp32,latency,int8}), {@code INTRA_OP_THREADS}
 * (0: ONNX Runtime's choice), and worker settings {@code COMMIT_INTERVAL_MS}, {@code STREAM_THREADS},
 * {@code MAX_BATCH}, {@code FLUSH_INTERVAL_MS}, {@code MAX_WAIT_MS} (unset: the worker's defaults).
 */
public final class WorkerBenchmark {

    /** Worker settings a benchmark run may override from the environment: variable to setting. */
    private static final Map<String, String> SETTINGS = Map.of("COMMIT_INTERVAL_MS", "commit-interval-ms",
            "STREAM_THREADS", "stream-threads", "MAX_BATCH", "max-batch", "FLUSH_INTERVAL_MS", "flush-interval-ms",
            "MAX_WAIT_MS", "max-wait-ms");

    private WorkerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path movieLens = Path.of(args.length > 1 ? args[1] : System.getenv().getOrDefault("MOVIELENS_DIR",
                "../shared/data/ml-latest-small"));
        Set<String> parts = Set.of(System.getenv().getOrDefault("BENCH_PARTS", "encoder,fp32,latency,int8")
                .split(","));
        Path dir = Files.createTempDirectory("bench-worker");
        System.out.printf("machine: %d cores, load average %.2f; PostgreSQL, Kafka, catalog-cdc and the worker share"
                + " them; ONNX Runtime intra-op threads %s; worker settings from the environment %s; parts %s%n",
                Runtime.getRuntime().availableProcessors(), CpuMeter.loadAverage(), intraOpThreads(),
                SETTINGS.keySet().stream().filter(env -> System.getenv(env) != null)
                        .map(env -> env + "=" + System.getenv(env)).toList(), parts);
        try (EmbeddedCatalog catalog = EmbeddedCatalog.start(dir.resolve("pg"), freePort())) {
            CatalogMigrations.migrate(catalog.database());
            long movies = new CatalogImporter(catalog.database(), Progress.NONE).importMovieLens(movieLens)
                    .movies().inserted();
            if (parts.contains("encoder")) {
                rawEncoder(catalog);
            }
            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
            kafka.brokerProperties(Map.of("auto.create.topics.enable", "false",
                    "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
            kafka.afterPropertiesSet();
            String brokers = kafka.getBrokersAsString();
            try (ConfigurableApplicationContext cdc = new SpringApplicationBuilder(CatalogCdcApplication.class).run(
                    "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                    "--catalog-cdc.database.port=" + catalog.port(), "--catalog-cdc.kafka.bootstrap-servers=" + brokers,
                    "--catalog-cdc.offsets.store=file", "--catalog-cdc.offsets.file=" + dir.resolve("offsets.dat"));
                    KafkaConsumer<Long, MovieVector> vectors = consumer(brokers)) {
                awaitSnapshot(brokers, movies);
                Map<Long, float[]> fp32 = new HashMap<>();
                if (parts.contains("fp32") || parts.contains("latency")) {
                    try (ConfigurableApplicationContext worker = startWorker(brokers, dir, "fp32")) {
                        backfill("fp32", worker, vectors, movies, fp32);
                        if (parts.contains("latency")) {
                            latency(catalog, brokers, vectors, updates, fp32);
                        }
                    }
                }
                if (parts.contains("int8")) {
                    Map<Long, float[]> int8 = new HashMap<>();
                    try (ConfigurableApplicationContext worker = startWorker(brokers, dir, "int8")) {
                        backfill("int8", worker, vectors, movies, int8);
                    }
                    if (!fp32.isEmpty()) {
                        cosine(fp32, int8);
                    }
                }
            } finally {
                kafka.destroy();
            }
        }
    }

    /** Waits until catalog-cdc's snapshot is on Kafka, so that a backfill measures the worker alone. */
    private static void awaitSnapshot(String brokers, long movies) {
        long started = System.nanoTime();
        try (KafkaConsumer<String, String> changes = changes(brokers)) {
            long total = 0;
            while (total < movies) {
                total = changes.endOffsets(changes.assignment()).values().stream().mapToLong(Long::longValue).sum();
                if (System.nanoTime() - started > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("catalog-cdc snapshot incomplete after 5 min: " + total);
                }
                changes.poll(Duration.ofMillis(200));
            }
        }
        System.out.printf("catalog-cdc snapshot: %d movie records on Kafka after %.1f s%n", movies,
                (System.nanoTime() - started) / 1e9);
    }

    /** The ceiling: the same texts straight through the encoder, 64 per call, no Kafka. */
    private static void rawEncoder(EmbeddedCatalog catalog) throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        try (Connection connection = catalog.database().connect();
                var rows = connection.createStatement().executeQuery(
                        "SELECT movie_id, title, release_year, genres, keywords FROM movies")) {
            while (rows.next()) {
                var row = json.createObjectNode().put("movie_id", rows.getLong(1)).put("title", rows.getString(2))
                        .put("genres", rows.getString(4)).put("keywords", rows.getString(5));
                if (rows.getObject(3) != null) {
                    row.put("release_year", rows.getInt(3));
                }
                texts.add(MovieText.render(MovieDocument.of(row, List.of())));
            }
        }
        tokenLengths(texts);
        for (String variant : List.of("FP32", "INT8")) {
            try (MiniLmEncoder encoder = MiniLmEncoder.load(EncoderOptions.defaults().withVariant(
                    ModelVariant.valueOf(variant)).withIntraOpThreads(Integer.parseInt(intraOpThreads())))) {
                encoder.embedBatch(texts.subList(0, 256));
                CpuMeter cpu = new CpuMeter();
                for (int from = 0; from < texts.size(); from += 64) {
                    encoder.embedBatch(texts.subList(from, Math.min(texts.size(), from + 64)));
                }
                System.out.printf("encoder alone %s, 64 worker texts per embedBatch (e.g. \"%s\"): %s%n", variant,
                        texts.get(0), cpu.stop().describe(texts.size(), "text"));
            }
        }
    }

    /** How long the worker's texts are in word pieces ([CLS] and [SEP] included), as the model sees them. */
    private static void tokenLengths(List<String> texts) throws java.io.IOException {
        try (var in = WorkerBenchmark.class.getClassLoader().getResourceAsStream(
                ModelVariant.FP32.tokenizerResource());
                var tokenizer = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(in,
                        Map.of("truncation", "false", "padding", "false"))) {
            int[] lengths = texts.stream().mapToInt(text -> tokenizer.encode(text).getIds().length).sorted()
                    .toArray();
            System.out.printf("worker texts: %d, word pieces per text: mean %.1f, p50 %d, p90 %d, max %d%n",
                    lengths.length, java.util.Arrays.stream(lengths).average().orElse(0), lengths[lengths.length / 2],
                    lengths[lengths.length * 9 / 10], lengths[lengths.length - 1]);
        }
    }

    /** ONNX Runtime intra-op threads: env INTRA_OP_THREADS, default 0 (its own choice). */
    private static String intraOpThreads() {
        return System.getenv().getOrDefault("INTRA_OP_THREADS", "0");
    }

    /** The worker as configured by default, but for the settings the environment overrides (see main). */
    private static ConfigurableApplicationContext startWorker(String brokers, Path dir, String model) {
        List<String> args = new java.util.ArrayList<>(List.of("--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off", "--embedding-worker.bootstrap-servers=" + brokers,
                "--embedding-worker.application-id=bench-" + model, "--embedding-worker.model=" + model,
                "--embedding-worker.state-dir=" + dir.resolve("state-" + model),
                "--embedding-worker.intra-op-threads=" + intraOpThreads()));
        SETTINGS.forEach((env, key) -> {
            if (System.getenv(env) != null) {
                args.add("--embedding-worker." + key + "=" + System.getenv(env));
            }
        });
        return new SpringApplicationBuilder(WorkerApplication.class).run(args.toArray(String[]::new));
    }

    private static void backfill(String model, ConfigurableApplicationContext worker,
            KafkaConsumer<Long, MovieVector> vectors, long movies, Map<Long, float[]> out) {
        CpuMeter cpu = new CpuMeter();
        Set<Long> seen = new HashSet<>();
        while (seen.size() < movies) {
            for (ConsumerRecord<Long, MovieVector> record : vectors.poll(Duration.ofMillis(100))) {
                if (record.value() != null && record.value().modelId().endsWith(model)) {
                    seen.add(record.key());
                    out.put(record.key(), record.value().vector());
                }
            }
            if (cpu.stop().wallSeconds() > Duration.ofMinutes(20).toSeconds()) {
                throw new IllegalStateException("backfill incomplete after 20 min: " + seen.size() + "/" + movies);
            }
        }
        CpuMeter.Usage used = cpu.stop();
        DistributionSummary batches = worker.getBean(MeterRegistry.class).get("worker.batch.size").summary();
        System.out.printf("backfill %s (worker already running; broker, catalog-cdc and this consumer in the same"
                + " process): %s; %d embedding calls, %.1f movies each on average; load average %.2f%n", model,
                used.describe(movies, "movie"), batches.count(), batches.mean(), CpuMeter.loadAverage());
    }

    private static void latency(EmbeddedCatalog catalog, String brokers, KafkaConsumer<Long, MovieVector> vectors,
            int updates, Map<Long, float[]> fp32) throws Exception {
        vectors.seekToEnd(vectors.assignment());
        vectors.assignment().forEach(vectors::position);
        try (KafkaConsumer<String, String> changes = changes(brokers)) {
            changes.seekToEnd(changes.assignment());
            changes.assignment().forEach(changes::position);
            new LatencyProbe(catalog, vectors, changes).run(updates);
        }
        for (long movieId = 1; movieId <= Math.min(50, updates); movieId++) {
            fp32.remove(movieId);
        }
    }

    private static void cosine(Map<Long, float[]> fp32, Map<Long, float[]> int8) {
        double[] cosines = fp32.keySet().stream().filter(int8::containsKey)
                .mapToDouble(id -> dot(fp32.get(id), int8.get(id))).sorted().toArray();
        double mean = java.util.Arrays.stream(cosines).average().orElse(Double.NaN);
        System.out.printf("int8 vs fp32 cosine over %d movies: mean %.4f, p1 %.4f, min %.4f%n", cosines.length, mean,
                cosines[(int) (cosines.length * 0.01)], cosines[0]);
    }

    private static double dot(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static KafkaConsumer<Long, MovieVector> consumer(String brokers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-worker");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        KafkaConsumer<Long, MovieVector> consumer = new KafkaConsumer<>(props,
                Topics.MOVIE_VECTORS.keySerde().deserializer(), Topics.MOVIE_VECTORS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.MOVIE_VECTORS.name()));
        return consumer;
    }

    /** A consumer assigned every partition of the catalog movies topic, without a group. */
    private static KafkaConsumer<String, String> changes(String brokers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        Topic<String, String> movies = Topics.catalog(Topics.DEFAULT_CATALOG_PREFIX, Topics.DEFAULT_CATALOG_SCHEMA,
                CatalogTable.MOVIES);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, movies.keySerde().deserializer(),
                movies.valueSerde().deserializer());
        consumer.assign(consumer.partitionsFor(movies.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList());
        return consumer;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
