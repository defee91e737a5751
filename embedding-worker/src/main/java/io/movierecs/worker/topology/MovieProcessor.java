package io.movierecs.worker.topology;

import io.movierecs.worker.WorkerMetrics;
import io.movierecs.worker.change.CatalogChange;
import io.movierecs.worker.change.Keys;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by movie: keeps each movie's row and credits, marks a movie pending when anything in its document may
 * have changed, and embeds pending movies in micro-batches ({@link MovieEmbedding}): when a batch is full, and
 * otherwise once the stream thread has been idle for the flush interval ({@link ThreadActivity}) or the oldest
 * pending movie has waited the longest wait. A backfill therefore runs in full batches in every task; a single
 * change waits only for the flush interval. Pending movies live in a changelogged store, so an exactly-once
 * commit never drops one; a movie touched only by snapshot reads waits until it has settled
 * ({@link PendingMovies}).
 *
 * <p>Ordering: a row, credit or name older (by source version) than the one held is ignored; an equal one is
 * re-applied (a replayed dead letter); a delete is remembered with its version, so an older upsert that arrives
 * later cannot bring the row or credit back ({@link MovieRows}, {@link MovieCredits}).
 */
final class MovieProcessor implements Processor<String, CatalogChange, String, Emitted> {

    static final String ROWS = "movie-rows";
    static final String CREDITS = "movie-credits";
    static final String EMBEDDED = "movie-embedded";
    static final String PENDING = "movie-pending";

    private final Embedder embedder;
    private final WorkerMetrics metrics;
    private final TopologySettings settings;
    private ProcessorContext<String, Emitted> context;
    private MovieRows rows;
    private KeyValueStore<String, String> credits;
    private KeyValueStore<String, String> embedded;
    private PendingMovies pending;
    private MovieEmbedding embedding;
    private long oldestPendingMs;

    MovieProcessor(Embedder embedder, WorkerMetrics metrics, TopologySettings settings) {
        this.embedder = embedder;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Emitted> context) {
        this.context = context;
        rows = new MovieRows(context.getStateStore(ROWS));
        credits = context.getStateStore(CREDITS);
        embedded = context.getStateStore(EMBEDDED);
        pending = new PendingMovies(context.getStateStore(PENDING), settings.snapshotSettle().toMillis());
        embedding = new MovieEmbedding(context, embedder, metrics, settings, rows, credits, embedded, pending);
        oldestPendingMs = context.currentSystemTimeMs();
        Duration tick = Duration.ofMillis(Math.max(1, settings.flushInterval().toMillis() / 2));
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::maybeFlush);
    }

    /**
     * Wall-clock punctuation: a partial batch is embedded once the thread is idle or it waited too long, and a
     * commit is requested at once (rather than at the next commit interval) so the vectors become visible
     * downstream without waiting; full batches during a backfill wait for the regular commit.
     */
    private void maybeFlush(long now) {
        if (pending.ready(now, 1) > 0 && (ThreadActivity.current().idle(now, settings.flushInterval().toMillis())
                || now - oldestPendingMs >= settings.maxWait().toMillis())) {
            flush();
            ThreadActivity.current().embedded();
            context.commit();
        }
    }

    @Override
    public void process(Record<String, CatalogChange> record) {
        ThreadActivity.current().record(context.currentSystemTimeMs());
        try {
            apply(record.value());
        } catch (RuntimeException e) {
            DeadLetter letter = RecordFailures.deadLetter(context, record, e, settings, metrics);
            context.forward(record.withValue(Emitted.dead(letter))
                    .withHeaders(RecordFailures.headers(context, record, e, settings)));
            return;
        }
        long now = context.currentSystemTimeMs();
        if (pending.ready(now, settings.maxBatch()) >= settings.maxBatch()) {
            flush();
            ThreadActivity.current().embedded();
        }
    }

    private void apply(CatalogChange change) {
        String key = Keys.movie(change.movieId());
        boolean applied = switch (change.table()) {
            case MOVIES -> applyRow(key, change);
            case MOVIE_PEOPLE -> applyCredits(key, change, MovieCredits.applyCredit(
                    MovieCredits.parse(credits.get(key)), change));
            case PEOPLE -> applyCredits(key, null, MovieCredits.applyName(MovieCredits.parse(credits.get(key)),
                    change));
        };
        if (!applied) {
            return;
        }
        MovieRows.Entry row = rows.get(key);
        if (row != null && row.live()) {
            long now = context.currentSystemTimeMs();
            if (pending.size() == 0) {
                oldestPendingMs = now;
            }
            pending.mark(key, change, now);
        }
    }

    private boolean applyRow(String key, CatalogChange change) {
        if (rows.isOlder(key, change)) {
            metrics.olderChangeIgnored(change.table().tableName());
            return false;
        }
        if (change.op().isDelete()) {
            delete(key, change);
            return false;
        }
        RecordMetadata source = context.recordMetadata().orElse(null);
        boolean fromMovies = source != null && settings.moviesTopic().equals(source.topic());
        rows.put(key, change, fromMovies ? source.partition() : 0, fromMovies ? source.offset() : -1);
        return true;
    }

    /** Stores a movie's updated credits; null: nothing to store ({@code credit} older than the one held). */
    private boolean applyCredits(String key, CatalogChange credit, List<MovieCredits.Entry> updated) {
        if (updated == null) {
            if (credit != null) {
                metrics.olderChangeIgnored(credit.table().tableName());
            }
            return false;
        }
        credits.put(key, MovieCredits.json(updated));
        return true;
    }

    private void delete(String key, CatalogChange change) {
        rows.delete(key, change.version());
        embedded.delete(key);
        pending.remove(key);
        context.forward(new Record<>(key, Emitted.tombstone(change.movieId()), context.currentSystemTimeMs()));
    }

    /** Embeds at most one batch of the ready movies (see {@link MovieEmbedding}). */
    void flush() {
        long now = context.currentSystemTimeMs();
        embedding.embedReady(now);
        oldestPendingMs = now;
    }
}
