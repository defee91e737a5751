package io.movierecs.worker.topology;

import io.movierecs.events.MovieVector;
import io.movierecs.events.SourceVersion;
import io.movierecs.worker.WorkerMetrics;
import io.movierecs.worker.change.ChangeEnvelope;
import io.movierecs.worker.document.MovieDocument;
import io.movierecs.worker.document.MovieText;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds one batch of a task's ready movies and emits the results: a vector per embedded movie; for a text the
 * model rejects a dead letter on the movies topic's {@code .dlq} carrying the movie's key and its last
 * {@code movies} row as a Debezium envelope, with that row's partition and offset (replaying it re-embeds the
 * movie: an equal version is re-applied); for any other failure the movie stays pending and is retried with
 * capped backoff ({@link TopologySettings.Retry}), and the failure is reported so that progress stalls.
 */
final class MovieEmbedding {

    private static final Logger log = LoggerFactory.getLogger(MovieEmbedding.class);

    private record Job(String key, MovieDocument doc, String text, String hash, MovieState.Pending trigger,
            MovieState.Last last) {
    }

    private final ProcessorContext<String, Emitted> context;
    private final Embedder embedder;
    private final ModelCalls model;
    private final WorkerMetrics metrics;
    private final TopologySettings settings;
    private final MovieRows rows;
    private final KeyValueStore<String, String> credits;
    private final KeyValueStore<String, String> embedded;
    private final PendingMovies pending;

    MovieEmbedding(ProcessorContext<String, Emitted> context, Embedder embedder, WorkerMetrics metrics,
            TopologySettings settings, MovieRows rows, KeyValueStore<String, String> credits,
            KeyValueStore<String, String> embedded, PendingMovies pending) {
        this.context = context;
        this.embedder = embedder;
        this.model = new ModelCalls(embedder);
        this.metrics = metrics;
        this.settings = settings;
        this.rows = rows;
        this.credits = credits;
        this.embedded = embedded;
        this.pending = pending;
    }

    /** Embeds at most one batch of the movies ready at {@code now}; the rest wait for the next call. */
    void embedReady(long now) {
        List<Job> jobs = new ArrayList<>();
        for (KeyValue<String, MovieState.Pending> entry : pending.takeReady(now, settings.maxBatch())) {
            try {
                Job job = job(entry.key, entry.value);
                if (job != null) {
                    jobs.add(job);
                }
            } catch (RuntimeException e) {
                if (e instanceof KafkaException) {
                    throw e;
                }
                deadLetter(entry.key, e);
            }
        }
        if (!jobs.isEmpty()) {
            embed(jobs, now);
        }
    }

    /** The job for a pending movie, or null when nothing needs embedding (display changes are emitted here). */
    private Job job(String key, MovieState.Pending trigger) {
        MovieRows.Entry row = rows.get(key);
        if (row == null || !row.live()) {
            return null;
        }
        MovieDocument doc = MovieDocument.of(row.change().row(),
                MovieCredits.live(MovieCredits.parse(credits.get(key))));
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

    private void embed(List<Job> batch, long now) {
        long started = System.nanoTime();
        List<ModelCalls.Result> results = model.embed(batch.stream().map(Job::text).toList());
        int embeddedCount = 0;
        for (int i = 0; i < batch.size(); i++) {
            ModelCalls.Result result = results.get(i);
            if (result.ok()) {
                emit(batch.get(i), result.vector());
                embeddedCount++;
            } else {
                failed(batch.get(i), result, now);
            }
        }
        if (embeddedCount > 0) {
            metrics.embedded(embeddedCount, embeddedCount == batch.size() ? System.nanoTime() - started : 0);
        }
    }

    private void failed(Job job, ModelCalls.Result result, long now) {
        MovieState.Pending trigger = job.trigger();
        boolean alone = result.failure() == ModelCalls.Failure.ALONE;
        if (result.failure() == ModelCalls.Failure.REJECTED
                || alone && trigger.rejections() + 1 >= settings.retry().rejectAfter()) {
            deadLetter(job.key(), result.error());
            return;
        }
        if (!alone) {
            metrics.embeddingFailed(result.error());
        }
        long delay = settings.retry().delayMs(trigger.attempts() + 1);
        log.warn("embedding movie {} failed (attempt {}{}), retrying in {} ms: {}", job.doc().movieId(),
                trigger.attempts() + 1, alone ? ", its text alone" : "", delay, result.error().toString());
        metrics.embeddingRetry();
        pending.retry(job.key(), trigger.failed(now + delay, alone));
    }

    /** The movie's last row goes to the movies topic's dead letters: its text cannot be embedded. */
    private void deadLetter(String key, Throwable error) {
        MovieRows.Entry row = rows.get(key);
        String topic = settings.moviesTopic();
        log.warn("movie {}: its text cannot be embedded, its row goes to {}.dlq: {}", key, topic, error.toString());
        metrics.deadLetter("movies");
        DeadLetter letter = new DeadLetter(topic + ".dlq", ChangeEnvelope.key(row.change()),
                ChangeEnvelope.value(row.change()));
        context.forward(new Record<>(key, Emitted.dead(letter), context.currentSystemTimeMs(),
                DeadLetters.headers(error, topic, row.partition(), row.offset())));
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
