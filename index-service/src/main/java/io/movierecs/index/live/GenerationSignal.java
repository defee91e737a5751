package io.movierecs.index.live;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the requests waiting for the index generation to change ({@code GET /internal/v1/index?afterGeneration=}):
 * the gateway learns of every change at once instead of asking every few milliseconds. A waiter is forgotten when
 * it completes, by a change or by its timeout, so idle waiting holds nothing.
 */
public final class GenerationSignal {

    private final Set<CompletableFuture<Void>> waiting = ConcurrentHashMap.newKeySet();

    /**
     * A future completed at the next generation change, or after {@code timeoutMs}, whichever comes first. Register
     * before reading the generation: a change between the two then completes it instead of being missed.
     */
    public CompletableFuture<Void> next(long timeoutMs) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiting.add(waiter);
        waiter.whenComplete((ignored, error) -> waiting.remove(waiter));
        return waiter.completeOnTimeout(null, timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Requests waiting now. */
    public int waiting() {
        return waiting.size();
    }

    /** The generation changed: wakes every waiter. */
    void changed() {
        waiting.forEach(waiter -> waiter.complete(null));
    }
}
