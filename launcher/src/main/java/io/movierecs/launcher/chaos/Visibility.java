package io.movierecs.launcher.chaos;

import io.movierecs.launcher.JsonHttp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Times every change from its commit to the moment the gateway shows it ({@code /api/v1/movies/{id}}, polled
 * every 100 ms per movie with a change pending). A newer change on the same movie supersedes the pending one;
 * a change not seen within {@code giveUp} is {@link Change.Outcome#NOT_SEEN}.
 */
final class Visibility implements AutoCloseable {

    private static final long POLL_MS = 100;

    private final JsonHttp gateway;
    private final long giveUpMs;
    private final Map<Long, Change> pending = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> inFlight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chaos-visibility");
        thread.setDaemon(true);
        return thread;
    });

    Visibility(JsonHttp gateway, Duration giveUp) {
        this.gateway = gateway;
        this.giveUpMs = giveUp.toMillis();
        poller.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts timing a change (a failed one is not timed). */
    void follow(Change change) {
        if (change.outcome() == Change.Outcome.FAILED) {
            return;
        }
        Change before = pending.put(change.movie, change);
        if (before != null) {
            before.end(Change.Outcome.SUPERSEDED);
        }
    }

    /** Changes still waiting to be seen. */
    int pending() {
        return pending.size();
    }

    private void poll() {
        long now = System.currentTimeMillis();
        for (Change change : pending.values()) {
            if (now - change.committedAtMs > giveUpMs) {
                change.end(Change.Outcome.NOT_SEEN);
                pending.remove(change.movie, change);
            } else if (inFlight.putIfAbsent(change.movie, Boolean.TRUE) == null) {
                gateway.getAsync("/api/v1/movies/" + change.movie).whenComplete((reply, error) -> {
                    inFlight.remove(change.movie);
                    if (error == null && change.outcome() == Change.Outcome.PENDING && change.visible.test(reply)) {
                        change.seen(System.currentTimeMillis());
                        pending.remove(change.movie, change);
                    }
                });
            }
        }
        pending.values().removeIf(change -> change.outcome() != Change.Outcome.PENDING);
    }

    /** Stops polling; what is still pending was not seen. */
    @Override
    public void close() {
        poller.shutdownNow();
        pending.values().forEach(change -> change.end(Change.Outcome.NOT_SEEN));
        pending.clear();
    }
}
