package io.movierecs.bench;

import com.sun.management.OperatingSystemMXBean;
import io.movierecs.catalog.db.CatalogMigrations;
import io.movierecs.catalog.db.EmbeddedCatalog;
import io.movierecs.catalog.importer.CatalogImporter;
import io.movierecs.catalog.importer.Progress;
import io.movierecs.cdc.CatalogCdcApplication;
import io.movierecs.events.MovieVector;
import io.movierecs.embedding.EncoderOptions;
import io.movierecs.embedding.MiniLmEncoder;
import io.movierecs.embedding.ModelVariant;
import io.movierecs.events.Topics;
import io.movierecs.worker.document.MovieDocument;
import io.movierecs.worker.document.MovieText;
import io.movierecs.worker.WorkerApplication;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * {@code ./movie-recs bench worker [UPDATES] [MOVIELENS_DIR]}: ml-latest-small imported into an embedded
 * PostgreSQL and streamed by catalog-cdc into a real broker; then embedding-worker backfills it (fp32, then
 * int8 with its cosine to fp32), and single catalog updates are timed from commit to vector on movie-vectors.
 */
public final class WorkerBenchmark {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private WorkerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path movieLens = Path.of(args.length > 1 ? args[1] : System.getenv().getOrDefault("MOVIELENS_DIR",
                "../shared/data/ml-latest-small"));
        Path dir = Files.createTempDirectory("bench-worker");
        System.out.printf("machine: %d cores, load average %.2f; PostgreSQL, Kafka, catalog-cdc and the worker share"
                + " them; ONNX Runtime intra-op threads %s; commit interval %s ms%n",
                Runtime.getRuntime().availableProcessors(), OS.getSystemLoadAverage(), intraOpThreads(),
                System.getenv().getOrDefault("COMMIT_INTERVAL_MS", "20"));
        try (EmbeddedCatalog catalog = EmbeddedCatalog.start(dir.resolve("pg"), freePort())) {
            CatalogMigrations.migrate(catalog.database());
            long movies = new CatalogImporter(catalog.database(), Progress.NONE).importMovieLens(movieLens)
                    .movies().inserted();
            rawEncoder(catalog);
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
                Map<Long, float[]> fp32 = new HashMap<>();
                try (ConfigurableApplicationContext worker = startWorker(brokers, dir, "fp32")) {
                    backfill("fp32", vectors, movies, fp32);
                    latency(catalog, vectors, updates, fp32);
                }
                Map<Long, float[]> int8 = new HashMap<>();
                try (ConfigurableApplicationContext worker = startWorker(brokers, dir, "int8")) {
                    backfill("int8", vectors, movies, int8);
                }
                cosine(fp32, int8);
            } finally {
                kafka.destroy();
            }
        }
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
        for (String variant : List.of("FP32", "INT8")) {
            try (MiniLmEncoder encoder = MiniLmEncoder.load(EncoderOptions.defaults()
                    .withVariant(ModelVariant.valueOf(variant)).withIntraOpThreads(Integer.parseInt(intraOpThreads())))) {
                encoder.embedBatch(texts.subList(0, 256));
                long cpuBefore = OS.getProcessCpuTime();
                long started = System.nanoTime();
                for (int from = 0; from < texts.size(); from += 64) {
                    encoder.embedBatch(texts.subList(from, Math.min(texts.size(), from + 64)));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpu = (OS.getProcessCpuTime() - cpuBefore) / 1e9;
                System.out.printf("encoder alone %s, %d worker texts (e.g. \"%s\"), 64 per embedBatch: %.0f texts/s,"
                        + " %.0f texts per CPU-second%n", variant, texts.size(), texts.get(0), texts.size() / seconds,
                        texts.size() / cpu);
            }
        }
    }

    /** ONNX Runtime intra-op threads: env INTRA_OP_THREADS, default 0 (its own choice). */
    private static String intraOpThreads() {
        return System.getenv().getOrDefault("INTRA_OP_THREADS", "0");
    }

    private static ConfigurableApplicationContext startWorker(String brokers, Path dir, String model) {
        return new SpringApplicationBuilder(WorkerApplication.class).run("--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off", "--embedding-worker.bootstrap-servers=" + brokers,
                "--embedding-worker.application-id=bench-" + model, "--embedding-worker.model=" + model,
                "--embedding-worker.state-dir=" + dir.resolve("state-" + model),
                "--embedding-worker.intra-op-threads=" + intraOpThreads(),
                "--embedding-worker.commit-interval-ms=" + System.getenv().getOrDefault("COMMIT_INTERVAL_MS", "20"));
    }

    private static void backfill(String model, KafkaConsumer<Long, MovieVector> vectors, long movies,
            Map<Long, float[]> out) {
        long cpuBefore = OS.getProcessCpuTime();
        long started = System.nanoTime();
        Set<Long> seen = new HashSet<>();
        while (seen.size() < movies) {
            for (ConsumerRecord<Long, MovieVector> record : vectors.poll(Duration.ofMillis(100))) {
                if (record.value() != null && record.value().modelId().endsWith(model)) {
                    seen.add(record.key());
                    out.put(record.key(), record.value().vector());
                }
            }
            if (System.nanoTime() - started > Duration.ofMinutes(10).toNanos()) {
                throw new IllegalStateException("backfill incomplete after 10 min: " + seen.size() + "/" + movies);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = (OS.getProcessCpuTime() - cpuBefore) / 1e9;
        System.out.printf("backfill %s: %d movies in %.1f s (worker start-up included) = %.0f movies/s;"
                + " process CPU %.1f s = %.0f movies per CPU-second (broker, catalog-cdc and consumer included)%n",
                model, movies, seconds, movies / seconds, cpu, movies / cpu);
    }

    private static void latency(EmbeddedCatalog catalog, KafkaConsumer<Long, MovieVector> vectors, int updates,
            Map<Long, float[]> fp32) throws Exception {
        double[] millis = new double[updates];
        try (Connection connection = catalog.database().connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE movies SET title = ? WHERE movie_id = ?")) {
            for (int i = 0; i < updates; i++) {
                long movieId = 1 + i % 50;
                String title = "Benchmark title " + i;
                update.setString(1, title);
                update.setLong(2, movieId);
                long before = System.nanoTime();
                if (update.executeUpdate() != 1) {
                    fp32.remove(movieId);
                    millis[i] = Double.NaN;
                    continue;
                }
                await(vectors, title);
                millis[i] = (System.nanoTime() - before) / 1e6;
                fp32.remove(movieId);
            }
        }
        double[] measured = java.util.Arrays.stream(millis).filter(m -> !Double.isNaN(m)).toArray();
        System.out.printf("one catalog update, commit -> vector on movie-vectors (CDC + worker + exactly-once"
                + " commit): %s%n", new Percentiles(measured).summary());
    }

    private static void await(KafkaConsumer<Long, MovieVector> vectors, String title) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<Long, MovieVector> record : vectors.poll(Duration.ofMillis(1))) {
                if (record.value() != null && title.equals(record.value().title())) {
                    return;
                }
            }
        }
        throw new IllegalStateException("no vector for '" + title + "' within 30 s");
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

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
