package io.movierecs.gateway.bench;

import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import io.movierecs.events.Topics;
import io.movierecs.gateway.it.Stack;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./movie-recs bench gateway [MOVIELENS_DIR]}: a KRaft broker, index-service and the gateway in this JVM
 * on ml-latest-small's 9,742 movies (real MiniLM vectors, see {@link BenchVectors}), then {@code wrk} (2 threads,
 * 32 connections by default) against {@code /api/v1/movies/{id}/similar} rotating over every id, with the
 * answer cache on and off, and against free-text search, rotating over 100 queries and with every query new
 * (each request embeds); then both again with 2 connections (latency rather than throughput). Settings:
 * {@code -Dbench.seconds=20 -Dbench.connections=32 -Dbench.latency-connections=2}.
 */
public final class GatewayBenchmark {

    private static final String[] SUBJECTS = {"a heist film with a twist ending", "a space adventure with robots",
        "a romantic comedy in Paris", "a war film about soldiers in the trenches", "a detective hunting a serial killer",
        "an animated film about talking animals", "a courtroom drama", "a haunted house horror story",
        "a road trip with two friends", "a musical about young artists", "a spy thriller in the cold war",
        "a western with a lone gunslinger", "a sports underdog story", "a time travel paradox",
        "a family drama around a wedding", "a zombie outbreak", "a mafia family saga", "a superhero origin story",
        "a coming of age summer story", "a disaster movie with a volcano", "a submarine thriller",
        "a film about artificial intelligence", "a biopic of a famous musician", "a samurai epic",
        "a documentary about penguins"};
    private static final String[] TONES = {"", "an old ", "a funny ", "a dark "};

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path movieLens = Path.of(args.length > 0 ? args[0] : System.getenv().getOrDefault("MOVIELENS_DIR",
                "../shared/data/ml-latest-small"));
        int seconds = Integer.getInteger("bench.seconds", 20);
        int connections = Integer.getInteger("bench.connections", 32);
        Wrk.requireInstalled();
        List<BenchVectors.Movie> movies = BenchVectors.load(movieLens);
        Path work = Files.createTempDirectory("gateway-bench");
        try (Stack stack = new Stack()) {
            produce(stack, movies);
            stack.startIndex(work, movies.size());
            awaitTrainedIndex(stack);
            String[] common = {"--query-gateway.rate-limit.requests-per-second=0", "--logging.level.root=WARN"};
            // entries live 10 min here (default 1 min): warming 9,742 ids under load can take longer than a minute
            stack.startGateway(common[0], common[1], "--query-gateway.cache.entry-ttl-ms=600000");
            ConfigurableApplicationContext uncached = stack.gatewayOn(common[0], common[1],
                    "--query-gateway.cache.enabled=false");
            String uncachedUrl = "http://127.0.0.1:" + uncached.getEnvironment().getProperty("local.server.port");
            Path similar = Wrk.script(work, "similar.lua", similarLua(movies));
            Path rotating = Wrk.script(work, "search.lua", searchLua(false));
            Path unique = Wrk.script(work, "search-unique.lua", searchLua(true));
            System.out.printf("gateway benchmark: %d movies, index %s; wrk -t2 -c%d -d%ds; JVM = broker + index-service"
                    + " + gateways (one JVM), wrk beside it%n", movies.size(), state(stack), connections, seconds);
            Path direct = Wrk.script(work, "index-similar.lua", similarLua(movies).replace("/api/v1/movies/",
                    "/internal/v1/movies/"));
            measure("warm-up (index-service)", stack.indexUrl(), direct, connections, 5);
            measure("warm-up (similar, cache off)", uncachedUrl, similar, connections, 5);
            measure("index-service alone: /internal/v1/movies/{id}/similar", stack.indexUrl(), direct, connections,
                    seconds);
            measure("similar k=10, cache off, rotating 9742 ids", uncachedUrl, similar, connections, seconds);
            long warmed = warmCache(stack.gatewayUrl(), movies);
            System.out.printf("cache warmed: every id asked once (%d ms)%n", warmed);
            measure("similar k=10, cache warm, rotating 9742 ids", stack.gatewayUrl(), similar, connections, seconds);
            measure("search k=10, 100 rotating queries, cache on", stack.gatewayUrl(), rotating, connections, seconds);
            measure("search k=10, every query new (embeds each)", stack.gatewayUrl(), unique, connections, seconds);
            int few = Integer.getInteger("bench.latency-connections", 2);
            measure("similar k=10, cache warm, " + few + " connections", stack.gatewayUrl(), similar, few, seconds);
            measure("search, every query new, " + few + " connections", stack.gatewayUrl(), unique, few, seconds);
            uncached.close();
        }
    }

    /** Asks the gateway once for every id's similar movies (8 at a time): the cache holds them all after. */
    private static long warmCache(String url, List<BenchVectors.Movie> movies) throws Exception {
        long started = System.nanoTime();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(8);
        try {
            pool.submit(() -> movies.parallelStream().forEach(m -> {
                try {
                    http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/api/v1/movies/"
                            + m.id() + "/similar?k=10")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).get();
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void produce(Stack stack, List<BenchVectors.Movie> movies) throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        long now = System.currentTimeMillis();
        long version = 1;
        for (BenchVectors.Movie m : movies) {
            MovieVector value = new MovieVector(MovieVector.SCHEMA_VERSION, m.id(), "all-MiniLM-L6-v2/onnx-fp32",
                    m.vector(), "bench-" + m.id(), m.title(), m.year(), m.genres(), null, now,
                    SourceVersion.ofPostgresLsn(version++), now);
            sent.add(stack.producer.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(), m.id(), value)));
        }
        for (Future<?> future : sent) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    private static void awaitTrainedIndex(Stack stack) {
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> state(stack).contains("IVF") && !state(stack).contains("\"rebuilding\":true"));
    }

    private static String state(Stack stack) throws Exception {
        String body = stack.get(stack.indexUrl() + "/internal/v1/index").body();
        return body.replaceAll(",\"snapshot\".*", "}");
    }

    private static void measure(String label, String url, Path script, int connections, int seconds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        long cpuBefore = os.getProcessCpuTime();
        Wrk.Figures figures = Wrk.run(url, script, 2, connections, seconds);
        double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6 / Math.max(1, figures.requests());
        System.out.println(Wrk.format(label, figures, cpuMs, load));
    }

    static String similarLua(List<BenchVectors.Movie> movies) {
        String ids = movies.stream().map(m -> Long.toString(m.id())).collect(Collectors.joining(","));
        return "local ids = {" + ids + "}\n"
                + "local i = 0\n"
                + "function init(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)); "
                + "i = math.random(#ids) end\n"
                + "function request()\n  i = i % #ids + 1\n"
                + "  return wrk.format('GET', '/api/v1/movies/' .. ids[i] .. '/similar?k=10')\nend\n";
    }

    static String searchLua(boolean unique) {
        List<String> queries = new ArrayList<>();
        for (String tone : TONES) {
            for (String subject : SUBJECTS) {
                queries.add("'" + (tone.isEmpty() ? subject : tone + subject.replaceFirst("^an? ", "")) + "'");
            }
        }
        String suffix = unique ? " .. ' ' .. n .. ' ' .. t" : "";
        return "local qs = {" + String.join(",", queries) + "}\n"
                + "local i, n, t = 0, 0, 0\n"
                + "function init(args) t = tonumber(tostring({}):sub(8), 16) % 100000; math.randomseed(t); "
                + "i = math.random(#qs) end\n"
                + "function request()\n  i = i % #qs + 1\n  n = n + 1\n"
                + "  local q = qs[i]" + suffix + "\n"
                + "  q = q:gsub(' ', '%%20')\n"
                + "  return wrk.format('GET', '/api/v1/search?k=10&q=' .. q)\nend\n";
    }
}
