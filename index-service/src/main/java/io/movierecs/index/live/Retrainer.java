package io.movierecs.index.live;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.store.StoredMovie;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains IVF indexes in the background and swaps them in: first when the exact index reaches
 * {@code trainThreshold} vectors, again whenever it has grown {@code retrainGrowth} times past the size it
 * was trained on, and on request. Searches and updates go on meanwhile; changes that arrive during the build
 * are replayed into the new index before the swap (see {@link LiveIndex}).
 */
public final class Retrainer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Retrainer.class);
    private static final int REPLAY_UNLOCKED_UNTIL = 256;
    private static final int MAX_UNLOCKED_ROUNDS = 8;

    private final LiveIndex live;
    private final IvfBuilder builder;
    private final IndexProperties.Index config;
    private final Consumer<IndexInfo> onSwap;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "index-train");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<IndexInfo> running;
    private volatile int failedAtSize;

    public Retrainer(LiveIndex live, IvfBuilder builder, IndexProperties.Index config, Consumer<IndexInfo> onSwap) {
        this.live = live;
        this.builder = builder;
        this.config = config;
        this.onSwap = onSwap;
    }

    /** Starts a build when the size rules call for one; called after each applied batch. */
    public boolean maybeStart() {
        if (running != null) {
            return false;
        }
        int n = live.store().size();
        if (failedAtSize > 0 && n < failedAtSize * 1.1) {
            return false; // the last attempt failed: wait for 10% more vectors before trying again
        }
        IndexInfo info = live.info();
        boolean due = info.layout().exact() ? n >= config.trainThreshold()
                : n >= config.retrainGrowth() * Math.max(1, info.trainedOn());
        if (!due) {
            return false;
        }
        start(info.layout().exact() ? "reached " + n + " vectors" : "grew to " + n + " vectors");
        return true;
    }

    /** Starts a build now, or returns the one running. */
    public synchronized CompletableFuture<IndexInfo> start(String reason) {
        CompletableFuture<IndexInfo> current = running;
        if (current != null) {
            return current;
        }
        CompletableFuture<IndexInfo> started = new CompletableFuture<>();
        running = started;
        executor.execute(() -> {
            // running is cleared before the future completes: whoever waited on it may start the next build
            try {
                IndexInfo built = rebuild(reason);
                failedAtSize = 0;
                running = null;
                started.complete(built);
            } catch (RuntimeException | Error e) {
                failedAtSize = Math.max(1, live.store().size());
                log.error("training an IVF index failed ({}); the current index keeps serving", reason, e);
                running = null;
                started.completeExceptionally(e);
            }
        });
        return started;
    }

    private IndexInfo rebuild(String reason) {
        List<StoredMovie> copy = live.beginRebuild();
        IvfBuilder.Built built;
        try {
            log.info("training an IVF index on {} vectors ({})", copy.size(), reason);
            built = builder.build(copy);
        } catch (RuntimeException | Error e) {
            live.abortRebuild();
            throw e;
        }
        for (int round = 0; round < MAX_UNLOCKED_ROUNDS; round++) {
            List<Long> changed = live.drainChanged();
            live.writeThrough(built.index(), changed);
            if (changed.size() <= REPLAY_UNLOCKED_UNTIL) {
                break;
            }
        }
        live.finishRebuild(built.index(), built.info());
        IndexInfo info = built.info();
        log.info("serving {} (nprobe {}, recall@10 {} on a sample) built from {} vectors in {} s",
                info.layout().factory(), info.layout().nprobe(), String.format("%.3f", info.recallAt10()),
                info.trainedOn(), String.format("%.1f", info.buildSeconds()));
        onSwap.accept(info);
        return info;
    }

    public boolean running() {
        return running != null;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
