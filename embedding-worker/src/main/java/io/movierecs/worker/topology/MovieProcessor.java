package io.movierecs.worker.topology;

import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import io.movierecs.worker.WorkerMetrics;
import io.movierecs.worker.change.CatalogChange;
import io.movierecs.worker.change.Keys;
import io.movierecs.worker.document.MovieDocument;
import io.movierecs.worker.document.MovieText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by movie: keeps each movie's row and credits, marks a movie pending when anything in its document may
 * have changed, and embeds pending movies in micro-batches: when a batch is full, and otherwise once the stream
 * thread has been idle for the flush interval ({@link ThreadActivity}) or the oldest pending movie has waited
 * the longest wait. A backfill therefore runs in full batches in every task; a single change waits only for the
 * flush interval. Pending movies live in a changelogged store, so an exactly-once commit never drops one; a
 * movie touched only by snapshot reads waits until it has settled ({@link PendingMovies}).
 * A text whose hash is unchanged is not re-embedded; changed display fields are still re-published with the
 * stored vector. Emitted versions are monotonic per movie.
 */
final class MovieProcessor implements Processor<String, CatalogChange, String, Emitted> {

    static final String ROWS = "movie-rows";
    static final String CREDITS = "movie-credits";
    static final String EMBEDDED = "movie-embedded";
    static final String PENDING = "movie-pending";

    private record Job(String key, MovieDocument doc, String text, String hash, MovieState.Pending trigger,
            MovieState.Last last) {
    }

    private final Embedder embedder;
    private final WorkerMetrics metrics;
    private final int maxBatch;
    private final Duration flushInterval;
    private final Duration maxWait;
    private ProcessorContext<String, Emitted> context;
    private KeyValueStore<String, String> rows;
    private KeyValueStore<String, String> credits;
    private KeyValueStore<String, String> embedded;
    private final Duration snapshotSettle;
    private PendingMovies pending;
    private long oldestPendingMs;

    MovieProcessor(Embedder embedder, WorkerMetrics metrics, TopologySettings settings) {
        this.embedder = embedder;
        this.metrics = metrics;
        this.maxBatch = settings.maxBatch();
        this.flushInterval = settings.flushInterval();
        this.maxWait = settings.maxWait();
        this.snapshotSettle = settings.snapshotSettle();
    }

    @Override
    public void init(ProcessorContext<String, Emitted> context) {
        this.context = context;
        rows = context.getStateStore(ROWS);
        credits = context.getStateStore(CREDITS);
        embedded = context.getStateStore(EMBEDDED);
        pending = new PendingMovies(context.getStateStore(PENDING), snapshotSettle.toMillis());
        oldestPendingMs = context.currentSystemTimeMs();
        Duration tick = Duration.ofMillis(Math.max(1, flushInterval.toMillis() / 2));
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::maybeFlush);
    }

    /**
     * Wall-clock punctuation: a partial batch is embedded once the thread is idle or it waited too long, and a
     * commit is requested at once (rather than at the next commit interval) so the vectors become visible
     * downstream without waiting; full batches during a backfill wait for the regular commit.
     */
    private void maybeFlush(long now) {
        if (pending.ready(now, 1) > 0 && (ThreadActivity.current().idle(now, flushInterval.toMillis())
                || now - oldestPendingMs >= maxWait.toMillis())) {
            flush();
            ThreadActivity.current().embedded();
            context.commit();
        }
    }

    @Override
    public void process(Record<String, CatalogChange> record) {
        CatalogChange change = record.value();
        String key = Keys.movie(change.movieId());
        ThreadActivity.current().record(context.currentSystemTimeMs());
        switch (change.table()) {
            case MOVIES -> {
                if (change.op().isDelete()) {
                    delete(key, change.movieId());
                    return;
                }
                rows.put(key, change.row().toString());
            }
            case MOVIE_PEOPLE -> credits.put(key, MovieState.creditsJson(
                    MovieState.applyCredit(MovieState.credits(credits.get(key)), change)));
            case PEOPLE -> credits.put(key, MovieState.creditsJson(
                    MovieState.applyName(MovieState.credits(credits.get(key)), change)));
        }
        long now = context.currentSystemTimeMs();
        if (rows.get(key) != null) {
            if (pending.size() == 0) {
                oldestPendingMs = now;
            }
            pending.mark(key, change, now);
        }
        if (pending.ready(now, maxBatch) >= maxBatch) {
            flush();
            ThreadActivity.current().embedded();
        }
    }

    private void delete(String key, long movieId) {
        rows.delete(key);
        embedded.delete(key);
        pending.remove(key);
        context.forward(new Record<>(key, Emitted.tombstone(movieId), context.currentSystemTimeMs()));
    }

    /**
     * Embeds at most one batch of the movies that are ready (see {@link PendingMovies}) and emits their vectors;
     * the rest wait for the next call, after Kafka Streams had a chance to commit. (Embedding every ready movie at
     * once kept a backfill's transaction open for a minute: the broker aborted it after the 10 s transaction
     * timeout, the thread was fenced, and the backfill started over, again and again.)
     */
    void flush() {
        long now = context.currentSystemTimeMs();
        List<Job> jobs = new ArrayList<>();
        for (KeyValue<String, MovieState.Pending> entry : pending.takeReady(now, maxBatch)) {
            Job job = job(entry.key, entry.value);
            if (job != null) {
                jobs.add(job);
            }
        }
        oldestPendingMs = now;
        if (!jobs.isEmpty()) {
            embed(jobs);
        }
    }

    /** The job for a pending movie, or null when nothing needs embedding (display changes are emitted here). */
    private Job job(String key, MovieState.Pending trigger) {
        String row = rows.get(key);
        if (row == null) {
            return null;
        }
        MovieDocument doc = MovieDocument.of(MovieState.JSON.readTree(row), MovieState.credits(credits.get(key)));
        String text = MovieText.render(doc);
        String hash = MovieText.sha256(text);
        MovieState.Last last = MovieState.Last.of(embedded.get(key));
        if (last != null && last.textHash().equals(hash)) {
            metrics.unchangedText();
            if (!last.display().equals(display(doc))) {
                emit(new Job(key, doc, text, hash, trigger, last), last.vector());
            }
            return null;
        }
        return new Job(key, doc, text, hash, trigger, last);
    }

    private void embed(List<Job> batch) {
        List<float[]> vectors;
        long started = System.nanoTime();
        try {
            vectors = embedder.embed(batch.stream().map(Job::text).toList());
        } catch (RuntimeException batchFailure) {
            batch.forEach(this::embedAlone);
            return;
        }
        metrics.embedded(batch.size(), System.nanoTime() - started);
        for (int i = 0; i < batch.size(); i++) {
            emit(batch.get(i), vectors.get(i));
        }
    }

    private void embedAlone(Job job) {
        try {
            emit(job, embedder.embed(List.of(job.text())).get(0));
            metrics.embedded(1, 0);
        } catch (RuntimeException e) {
            metrics.deadLetter("movies");
            context.forward(new Record<>(job.key(), Emitted.rejected(job.doc().movieId(), job.text()),
                    context.currentSystemTimeMs(), DeadLetters.headers(new RecordHeaders(), context, e)));
        }
    }

    private void emit(Job job, float[] vector) {
        MovieDocument doc = job.doc();
        String version = job.last() == null ? job.trigger().version()
                : SourceVersion.max(job.last().version(), job.trigger().version());
        long now = context.currentSystemTimeMs();
        MovieVector event = new MovieVector(MovieVector.SCHEMA_VERSION, doc.movieId(), embedder.modelId(), vector,
                job.hash(), doc.title(), doc.year(), doc.genres(), doc.posterUrl(), job.trigger().tsMs(), version,
                now, doc.directors(), doc.cast());
        embedded.put(job.key(), new MovieState.Last(job.hash(), display(doc), vector, version).toJson());
        context.forward(new Record<>(job.key(), Emitted.vector(event), now));
    }

    private static String display(MovieDocument doc) {
        return doc.title() + "\u0000" + doc.year() + "\u0000" + doc.genres() + "\u0000" + doc.posterUrl();
    }
}
