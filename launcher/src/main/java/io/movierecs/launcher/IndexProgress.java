package io.movierecs.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Shows the first embedding backfill: how many of the catalog's movies are searchable in index-service, once a
 * second, until all are (or nothing moved for a while: a movie whose text the model rejected is a dead letter).
 */
public final class IndexProgress {

    private static final Duration STALL = Duration.ofSeconds(60);
    private static final String STATE = "/internal/v1/index";

    private final JsonHttp index;

    public IndexProgress(String indexServiceUrl) {
        this.index = new JsonHttp(indexServiceUrl);
    }

    /** index-service's state: {@code ntotal} (vectors searchable), {@code generation} (changes with every batch). */
    private JsonNode state() throws IOException {
        JsonHttp.Reply reply = index.get(STATE);
        if (reply.status() != 200) {
            throw new IOException("index-service answered " + reply.status() + " for " + STATE);
        }
        return reply.body();
    }

    /** Vectors searchable now. */
    public long searchable() throws IOException {
        return state().path("ntotal").asLong();
    }

    /**
     * Waits until {@code movies} are searchable and the index has stopped changing for {@code quiet}: during a
     * backfill a movie is searchable as soon as its row is embedded and is embedded again as its credits and
     * people's names arrive.
     */
    public void awaitSettled(long movies, Duration quiet, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long generation = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            JsonNode state = state();
            long current = state.path("generation").asLong();
            if (current != generation || state.path("ntotal").asLong() < movies) {
                generation = current;
                since = now;
            } else if (now - since >= quiet.toNanos()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("index-service did not settle at " + movies + " movies within " + timeout);
    }

    /** Prints progress until {@code catalogMovies} are searchable; returns how many are. */
    long follow(LongSupplier catalogMovies, PrintStream out) throws IOException, InterruptedException {
        long target = catalogMovies.getAsLong();
        long done = searchable();
        if (done >= target) {
            out.printf("index: %d of %d catalog movies searchable%n", done, target);
            return done;
        }
        long started = System.nanoTime();
        long lastChange = started;
        long last = done;
        while (done < target) {
            Thread.sleep(1000);
            done = searchable();
            long now = System.nanoTime();
            if (done != last) {
                lastChange = now;
                last = done;
            } else if (now - lastChange > STALL.toNanos()) {
                out.printf("%nindex: %d of %d movies after %d s without progress; see the embedding-worker log and"
                        + " the *.dlq topics%n", done, target, STALL.toSeconds());
                return done;
            }
            double seconds = (now - started) / 1e9;
            out.printf("\rembedding the catalog: %d / %d movies (%.0f s)   ", done, target, seconds);
            target = Math.max(target, catalogMovies.getAsLong());
        }
        out.printf("%nindex: all %d catalog movies searchable%n", done);
        return done;
    }
}
