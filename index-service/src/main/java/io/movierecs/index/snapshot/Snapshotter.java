package io.movierecs.index.snapshot;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.metrics.IndexMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to snapshot and writes snapshots. The ingest thread calls {@link #takeIfDue} between batches:
 * the capture happens there (index, movies and offsets agree), the writing and publishing on a background
 * thread. Due after {@code everyUpdates} changes, after {@code everySeconds} with any change, or on request.
 */
public class Snapshotter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Snapshotter.class);

    private final LiveIndex live;
    private final SnapshotFolder folder;
    private final SnapshotStore store;
    private final IndexProperties properties;
    private final IndexMetrics metrics;
    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "index-snapshot");
        thread.setDaemon(true);
        return thread;
    });
    private long changesSince;
    private long lastCaptureMs = System.currentTimeMillis();
    private CompletableFuture<SnapshotManifest> inFlight = CompletableFuture.completedFuture(null);
    private volatile CompletableFuture<SnapshotManifest> requested;
    private volatile SnapshotManifest latest;
    private volatile String latestPublishedTo;
    private volatile String publishError;
    private BackOffExecution publishBackOff;

    public Snapshotter(LiveIndex live, SnapshotFolder folder, SnapshotStore store, IndexProperties properties,
            IndexMetrics metrics) {
        this.live = live;
        this.folder = folder;
        this.store = store;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Counts applied changes (ingest thread). */
    public void changesApplied(int changes) {
        changesSince += changes;
    }

    /** Whether changes were applied since the last capture (ingest thread). */
    public boolean hasChanges() {
        return changesSince > 0;
    }

    /** Asks the ingest thread for a snapshot at its next batch boundary. */
    public synchronized CompletableFuture<SnapshotManifest> request() {
        if (requested == null) {
            requested = new CompletableFuture<>();
        }
        return requested;
    }

    /** Snapshots when due or requested (ingest thread). */
    public void takeIfDue(Supplier<Map<Integer, Long>> offsets) {
        CompletableFuture<SnapshotManifest> request = requested;
        long now = System.currentTimeMillis();
        boolean due = changesSince >= properties.snapshot().everyUpdates()
                || changesSince > 0 && now - lastCaptureMs >= properties.snapshot().everySeconds() * 1000;
        if (request == null && (!due || !inFlight.isDone())) {
            return;
        }
        synchronized (this) {
            requested = null;
        }
        CompletableFuture<SnapshotManifest> written = take(offsets.get());
        if (request != null) {
            written.whenComplete((manifest, error) -> {
                if (error != null) {
                    request.completeExceptionally(error);
                } else {
                    request.complete(manifest);
                }
            });
        }
    }

    /** Captures now and writes in the background; the future completes once written and published. */
    public CompletableFuture<SnapshotManifest> take(Map<Integer, Long> offsets) {
        long now = System.currentTimeMillis();
        Capture capture = live.capture(index -> new Capture(index.serialize(), List.copyOf(live.store().movies()),
                live.store().deletedVersions(), live.info(), live.generation(), offsets, now));
        changesSince = 0;
        lastCaptureMs = now;
        inFlight = CompletableFuture.supplyAsync(() -> write(capture), writer);
        return inFlight;
    }

    private SnapshotManifest write(Capture capture) {
        long started = System.nanoTime();
        SnapshotManifest manifest;
        try {
            manifest = folder.write(capture, properties.dimension(), properties.kafka().topic());
            folder.prune(properties.snapshot().keep());
        } catch (IOException e) {
            log.error("writing a snapshot to {} failed", folder.dir(), e);
            throw new UncheckedIOException(e);
        }
        latest = manifest;
        metrics.snapshotWritten(manifest.createdAtMs());
        log.info("snapshot {} written: {} vectors, {} ({} ms), offsets {}", manifest.id(), manifest.ntotal(),
                manifest.factory(), (System.nanoTime() - started) / 1_000_000, manifest.offsets());
        latestPublishedTo = null;
        publishBackOff = null;
        if (!publish(manifest)) {
            throw new IllegalStateException("snapshot " + manifest.id() + " written locally but publishing to "
                    + store.name() + " failed (retried later): " + publishError);
        }
        return manifest;
    }

    /**
     * Publishes a snapshot (writer thread). On failure (the store down or hanging: its calls time out) the local
     * snapshot stays and publishing is retried with backoff (2 s doubling to 60 s) until it works or a newer
     * snapshot replaces it; ingest never waits for it.
     */
    private boolean publish(SnapshotManifest manifest) {
        try {
            String where = store.publish(folder.dir().resolve(manifest.id()), manifest);
            latestPublishedTo = where;
            publishError = null;
            log.info("snapshot {} published to {}", manifest.id(), where);
            return true;
        } catch (IOException | RuntimeException e) {
            publishError = e.toString();
            if (publishBackOff == null) {
                ExponentialBackOff backOff = new ExponentialBackOff(2000, 2.0);
                backOff.setMaxInterval(60_000);
                publishBackOff = backOff.start();
            }
            long wait = publishBackOff.nextBackOff();
            log.warn("publishing snapshot {} to {} failed ({}); it stays in {}; retrying in {} ms", manifest.id(),
                    store.name(), e.toString(), folder.dir(), wait);
            if (!writer.isShutdown()) {
                writer.schedule(() -> retryPublish(manifest), wait, TimeUnit.MILLISECONDS);
            }
            return false;
        }
    }

    private void retryPublish(SnapshotManifest manifest) {
        if (latest == manifest && latestPublishedTo == null) {
            publish(manifest);
        }
    }

    /** Why the newest snapshot is not published yet, or null. */
    public String publishError() {
        return publishError;
    }

    /** Sets the newest snapshot after a restore. */
    void restored(SnapshotManifest manifest) {
        latest = manifest;
        latestPublishedTo = "restored at start-up";
        metrics.snapshotWritten(manifest.createdAtMs());
    }

    public SnapshotManifest latest() {
        return latest;
    }

    /** Where the newest snapshot went (e.g. the MLflow run and model version), or null. */
    public String latestPublishedTo() {
        return latestPublishedTo;
    }

    public String storeName() {
        return store.name();
    }

    /** Fails a pending request (the ingest thread is gone). */
    public synchronized void failPending(String reason) {
        if (requested != null) {
            requested.completeExceptionally(new IllegalStateException(reason));
            requested = null;
        }
    }

    /** Waits for writes in flight, then stops the writer thread (publish retries not yet due are dropped). */
    @Override
    public void close() {
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(2, TimeUnit.MINUTES)) {
                log.warn("a snapshot was still being written after 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
