package io.movierecs.bench;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./movie-recs bench freshness [UPDATES] [RATE] [MOVIELENS_DIR]}: the whole pipeline as {@code ./movie-recs
 * run} starts it (fresh data directory, free ports); then UPDATES catalog updates at RATE per second through JDBC,
 * each timed from its commit to the moment the gateway shows it ({@code GET /api/v1/movies/{id}} returns the new
 * title, which index-service only serves once the new vector is in the index). Prints p50/p95/p99 and writes a
 * PNG histogram.
 */
public final class FreshnessBenchmark {

    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static final int MAX_POLLS = 8;
    private static final Duration STATUS_POLL = Duration.ofMillis(25);
    private static final Duration MOVIE_POLL = Duration.ofMillis(100);

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
            List<Long> movies = movieIds(stack);
            JsonHttp gateway = new JsonHttp(stack.url("query-gateway"));
            waitUntilSearchable(stack, movies.size());
            int warmUp = (int) Math.round(rate * WARM_UP.toSeconds());
            System.out.printf("warm-up: %d updates at %.0f/s, not measured: fresh JVMs spend their first minute"
                    + " compiling, and the pipeline then falls behind at this rate%n", warmUp, rate);
            warmUp(stack, movies, warmUp, rate);
            waitUntilSearchable(stack, movies.size());
            double[] millis = run(stack, gateway, movies, updates, rate, "Freshness probe");
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
     * Writes the updates at the rate on one thread; on this one, polls the gateway's cheap {@code /api/v1/status}
     * every {@link #STATUS_POLL} and asks for every update in flight whenever the index generation it reports
     * changed, and at least every {@link #MOVIE_POLL}. (Asking for every movie in flight every 10 ms cost the
     * gateway about 5 ms of CPU per request and loaded the 2-core machine enough to slow the pipeline it
     * measures.) Returns, per update, the milliseconds until the gateway showed it.
     */
    private static double[] run(Stack stack, JsonHttp gateway, List<Long> movies, int updates, double rate,
            String label) throws Exception {
        double[] millis = new double[updates];
        ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (Connection connection = stack.catalog().connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE movies SET title = ? WHERE movie_id = ?")) {
            writer.scheduleAtFixedRate(() -> write(update, movies, updates, sent, pending, label), 0,
                    Math.round(1e9 / rate), TimeUnit.NANOSECONDS);
            int done = 0;
            long generation = -1;
            long lastRound = 0;
            while (done < updates) {
                long seen = gateway.get("/api/v1/status").body().path("generation").asLong();
                if (seen != generation || System.nanoTime() - lastRound > MOVIE_POLL.toNanos()) {
                    generation = seen;
                    lastRound = System.nanoTime();
                    done += pollAll(gateway, pending, millis);
                }
                TimeUnit.NANOSECONDS.sleep(STATUS_POLL.toNanos());
            }
        } finally {
            writer.shutdownNow();
        }
        return millis;
    }

    /**
     * Asks for the oldest updates in flight at once (at most {@link #MAX_POLLS}: a poll per update in flight
     * let a backlog multiply the load on the gateway and index-service, and so the backlog); returns how many
     * became visible.
     */
    private static int pollAll(JsonHttp gateway, ConcurrentLinkedQueue<Pending> pending, double[] millis) {
        List<CompletableFuture<Boolean>> polls = new ArrayList<>();
        for (Pending p : pending) {
            if (polls.size() == MAX_POLLS) {
                break;
            }
            polls.add(poll(gateway, p, millis));
        }
        int visible = 0;
        for (CompletableFuture<Boolean> poll : polls) {
            visible += poll.join() ? 1 : 0;
        }
        pending.removeIf(p -> millis[p.index()] > 0);
        pending.stream().filter(p -> System.nanoTime() - p.committedNanos() > GIVE_UP.toNanos()).findFirst()
                .ifPresent(p -> {
                    throw new IllegalStateException("update " + p.index() + " of movie " + p.movieId()
                            + " not visible after " + GIVE_UP.toSeconds() + " s");
                });
        return visible;
    }

    private static void write(PreparedStatement update, List<Long> movies, int updates, AtomicInteger sent,
            ConcurrentLinkedQueue<Pending> pending, String label) {
        int i = sent.getAndIncrement();
        if (i >= updates) {
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

    /** Writes {@code updates} title changes at {@code rate} per second without waiting for any of them. */
    private static void warmUp(Stack stack, List<Long> movies, int updates, double rate) throws Exception {
        try (Connection connection = stack.catalog().connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE movies SET title = ? WHERE movie_id = ?")) {
            long started = System.nanoTime();
            for (int i = 0; i < updates; i++) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, started + Math.round(i * 1e9 / rate) - System.nanoTime()));
                update.setString(1, "Warm-up " + i);
                update.setLong(2, movies.get(i % movies.size()));
                update.executeUpdate();
            }
        }
    }

    /** One poll; records the time when the gateway's answer shows the new title, and says whether it did. */
    private static CompletableFuture<Boolean> poll(JsonHttp gateway, Pending p, double[] millis) {
        return gateway.getAsync("/api/v1/movies/" + p.movieId()).thenApply(reply -> {
            if (p.title().equals(reply.body().path("title").asString())) {
                millis[p.index()] = (System.nanoTime() - p.committedNanos()) / 1e6;
                return true;
            }
            return false;
        });
    }

    private static List<Long> movieIds(Stack stack) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = stack.catalog().connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT movie_id FROM movies ORDER BY movie_id")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
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
