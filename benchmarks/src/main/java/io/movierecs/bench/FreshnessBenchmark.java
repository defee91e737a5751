package io.movierecs.bench;

import io.movierecs.events.Topics;
import io.movierecs.launcher.IndexProgress;
import io.movierecs.launcher.JsonHttp;
import io.movierecs.launcher.LaunchSettings;
import io.movierecs.launcher.Stack;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./movie-recs bench freshness [UPDATES] [RATE] [MOVIELENS_DIR]}: the whole pipeline as {@code ./movie-recs
 * run} starts it (fresh data directory, free ports); then a minute of warm-up updates and UPDATES measured catalog
 * updates at RATE per second through JDBC, each timed from its commit to the moment the gateway shows it (the
 * title autocomplete returns the new title, which index-service only serves once the new vector is in the index).
 * Two {@link StageProbe}s split each update at the catalog topic and at {@code movie-vectors}. Prints p50/p95/p99
 * overall and per stage, writes a PNG histogram and a CSV of every update.
 */
public final class FreshnessBenchmark {

    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(25);
    /** Updates go to this many movies, spread over the catalog: their titles fit one autocomplete answer. */
    private static final int MOVIES = 40;

    /** One update in flight: which movie, the title to wait for, when its transaction committed. */
    private record Pending(int index, long movieId, String title, long committedNanos) {
    }

    private FreshnessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        Optional<Path> dataset = args.length > 2 ? Optional.of(Path.of(args[2])) : Optional.empty();
        Path data = Files.createTempDirectory("bench-freshness");
        LaunchSettings settings = new LaunchSettings(Path.of(System.getProperty("movie-recs.home", "."))
                .toAbsolutePath().normalize(), data, List.of("catalog-cdc", "embedding-worker", "index-service",
                "query-gateway"), new LaunchSettings.Ports(freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), freePort()), dataset, Optional.empty());
        System.out.printf("starting the pipeline in %s (%d cores; PostgreSQL, Kafka, the four services and this"
                + " client share them)%n", data, Runtime.getRuntime().availableProcessors());
        try (Stack stack = Stack.start(settings, System.out)) {
            int catalog = (int) stack.movies();
            List<Long> movies = movieIds(stack);
            JsonHttp gateway = new JsonHttp(stack.url("query-gateway"));
            waitUntilSearchable(stack, catalog);
            int warmUp = (int) Math.round(rate * WARM_UP.toSeconds());
            String label = "Freshness probe";
            double[] millis;
            try (StageProbe cdc = new StageProbe(stack.bootstrapServers(), "catalog.public.movies", label);
                    StageProbe worker = new StageProbe(stack.bootstrapServers(), Topics.MOVIE_VECTORS.name(), label)) {
                System.out.printf("warm-up: %d updates at %.0f/s, measured the same way but not counted: fresh JVMs"
                        + " (the services' and this one's) spend their first minute compiling%n", warmUp, rate);
                run(gateway, stack, movies, 0, warmUp, rate, label, new long[warmUp]);
                waitUntilSearchable(stack, catalog);
                long[] committed = new long[updates];
                millis = run(gateway, stack, movies, warmUp, updates, rate, label, committed);
                printStages(committed, millis, warmUp, cdc, worker);
            }
            Percentiles percentiles = new Percentiles(millis);
            System.out.printf("freshness, commit -> visible through the gateway, %d updates at %.0f/s on %d movies:"
                    + " %s%n", updates, rate, movies.size(), percentiles.summary());
            Path png = Path.of("target", "freshness.png").toAbsolutePath();
            Histogram.write(millis, percentiles, png, String.format("commit -> visible via gateway, %d updates at"
                    + " %.0f/s", updates, rate));
            System.out.println("histogram: " + png);
        }
    }

    /**
     * Writes the updates at the rate on one thread; on this one, every {@link #POLL} asks the gateway's title
     * autocomplete for every title starting with the label: one request shows every update that is visible
     * (index-service changes a title, its vector and its metadata in one step; an update overtaken by a later
     * one of the same movie counts as shown with it), at a load that does not grow
     * with the updates in flight. (Asking for each update in flight every 10 ms cost the gateway ~5 ms of CPU
     * per request and slowed the pipeline it measured: p50 12.8 s.) Returns, per update, the milliseconds
     * until the gateway showed it.
     */
    private static double[] run(JsonHttp gateway, Stack stack, List<Long> movies, int first, int updates,
            double rate, String label, long[] committed) throws Exception {
        double[] millis = new double[updates];
        ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        String titles = "/api/v1/titles?limit=" + movies.size() + "&prefix="
                + URLEncoder.encode(label, StandardCharsets.UTF_8);
        try (Connection connection = stack.catalog().connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE movies SET title = ? WHERE movie_id = ?")) {
            writer.scheduleAtFixedRate(() -> write(update, movies, first, updates, sent, pending, label), 0,
                    Math.round(1e9 / rate), TimeUnit.NANOSECONDS);
            int done = 0;
            while (done < updates) {
                long round = System.nanoTime();
                Map<Long, Integer> shown = new HashMap<>();
                gateway.get(titles).body().forEach(movie -> shown.put(movie.path("id").asLong(),
                        probeNumber(movie.path("title").asString(), label)));
                long now = System.nanoTime();
                for (Pending p : pending) {
                    // a later update of the same movie may be embedded in its place: that one shows it too
                    if (shown.getOrDefault(p.movieId(), -1) >= p.index()) {
                        millis[p.index() - first] = (now - p.committedNanos()) / 1e6;
                        committed[p.index() - first] = p.committedNanos();
                        pending.remove(p);
                        done++;
                    } else if (now - p.committedNanos() > GIVE_UP.toNanos()) {
                        throw new IllegalStateException("update " + p.index() + " of movie " + p.movieId()
                                + " not visible after " + GIVE_UP.toSeconds() + " s");
                    }
                }
                TimeUnit.NANOSECONDS.sleep(Math.max(0, POLL.toNanos() - (System.nanoTime() - round)));
            }
        } finally {
            writer.shutdownNow();
        }
        return millis;
    }

    /**
     * Where the time went, for the updates seen on both topics (an overtaken update may never reach
     * {@code movie-vectors}): commit -> readable on the catalog topic (catalog-cdc), -> readable, committed, on
     * {@code movie-vectors} (the worker), -> shown by the gateway (index-service, the gateway's generation refresh,
     * and this benchmark's 25 ms polling).
     */
    private static void printStages(long[] committed, double[] millis, int first, StageProbe cdc,
            StageProbe worker) throws IOException {
        List<double[]> stages = new ArrayList<>();
        StringBuilder csv = new StringBuilder("update,committed_ms,cdc_ms,worker_ms,shown_ms,total_ms\n");
        for (int i = 0; i < millis.length; i++) {
            Long onCatalog = cdc.seenNanos(first + i);
            Long onVectors = worker.seenNanos(first + i);
            double[] split = {Double.NaN, Double.NaN, Double.NaN};
            if (onCatalog != null && onVectors != null) {
                double visible = committed[i] / 1e6 + millis[i];
                split = new double[] {(onCatalog - committed[i]) / 1e6, (onVectors - onCatalog) / 1e6,
                    visible - onVectors / 1e6};
                stages.add(split);
            }
            csv.append(String.format(Locale.ROOT, "%d,%.1f,%.1f,%.1f,%.1f,%.1f%n", i,
                    (committed[i] - committed[0]) / 1e6, split[0], split[1], split[2], millis[i]));
        }
        Path file = Path.of("target", "freshness.csv").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
        System.out.println("every update, in commit order: " + file);
        String[] names = {"commit -> catalog topic (catalog-cdc)", "-> movie-vectors, committed (worker)",
            "-> shown by the gateway (index-service, gateway, 25 ms polling)"};
        System.out.printf("stages, over the %d of %d updates seen on both topics:%n", stages.size(), millis.length);
        if (stages.isEmpty()) {
            return;
        }
        for (int stage = 0; stage < names.length; stage++) {
            int s = stage;
            System.out.printf("  %-64s %s%n", names[stage],
                    new Percentiles(stages.stream().mapToDouble(v -> v[s]).toArray()).summary());
        }
    }

    /** N of a title "LABEL N", or -1. */
    private static int probeNumber(String title, String label) {
        try {
            return title.startsWith(label + " ") ? Integer.parseInt(title.substring(label.length() + 1)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void write(PreparedStatement update, List<Long> movies, int first, int updates,
            AtomicInteger sent, ConcurrentLinkedQueue<Pending> pending, String label) {
        int i = first + sent.getAndIncrement();
        if (i >= first + updates) {
            return;
        }
        long movieId = movies.get(i % movies.size());
        String title = label + " " + i;
        try {
            update.setString(1, title);
            update.setLong(2, movieId);
            update.executeUpdate();
            pending.add(new Pending(i, movieId, title, System.nanoTime()));
        } catch (Exception e) {
            throw new IllegalStateException("update " + i + " failed", e);
        }
    }

    /** {@link #MOVIES} movie ids spread evenly over the catalog. */
    private static List<Long> movieIds(Stack stack) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = stack.catalog().connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT movie_id FROM movies ORDER BY movie_id")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        List<Long> spread = new ArrayList<>();
        for (int i = 0; i < MOVIES && i < ids.size(); i++) {
            spread.add(ids.get(i * ids.size() / Math.min(MOVIES, ids.size())));
        }
        return spread;
    }

    /** The backfill is over when every movie is searchable and the index has not changed for 5 s. */
    private static void waitUntilSearchable(Stack stack, int movies) throws Exception {
        System.out.printf("waiting for the backfill of %d movies to finish%n", movies);
        new IndexProgress(stack.url("index-service")).awaitSettled(movies, Duration.ofSeconds(5),
                Duration.ofMinutes(20));
        System.out.printf("all %d movies searchable, index quiet; measuring%n", movies);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
