package io.movierecs.gateway.rotation;

import io.movierecs.gateway.index.IndexClient;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch thread per replica ({@code index-watch-<n>}). A thread that ends while the gateway runs is logged
 * at ERROR and reported by {@link #allAlive()} (the liveness indicator): only a restart brings it back.
 */
public class ReplicaWatches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaWatches.class);

    private final List<ReplicaWatch> watches = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Rotation rotation;
    private volatile boolean running;

    /** {@code clients.get(i)} asks replica {@code i} only. */
    public ReplicaWatches(Rotation rotation, List<IndexClient> clients, long waitMs, long pauseMs) {
        this.rotation = rotation;
        for (int i = 0; i < clients.size(); i++) {
            watches.add(new ReplicaWatch(i, clients.get(i), rotation, waitMs, pauseMs));
        }
    }

    public synchronized void start() {
        running = true;
        for (int i = 0; i < watches.size(); i++) {
            ReplicaWatch watch = watches.get(i);
            Thread thread = new Thread(() -> follow(watch), "index-watch-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void follow(ReplicaWatch watch) {
        try {
            while (running) {
                long pause = watch.poll();
                Thread.sleep(pause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            log.error("index-service watch {} ended; the gateway needs a restart", Thread.currentThread().getName(), e);
        } finally {
            if (running) {
                log.error("index-service watch {} ended while the gateway runs", Thread.currentThread().getName());
            }
        }
    }

    /** One poll of every replica, one after the other (tests, and nothing else, call this). */
    public void pollOnce() {
        watches.forEach(ReplicaWatch::poll);
    }

    /** Whether every watch thread is still running (true before start and after close). */
    public boolean allAlive() {
        return !running || threads.stream().allMatch(Thread::isAlive);
    }

    /** The names of watch threads that ended. */
    public List<String> ended() {
        return running ? threads.stream().filter(t -> !t.isAlive()).map(Thread::getName).toList() : List.of();
    }

    public Rotation rotation() {
        return rotation;
    }

    @Override
    public synchronized void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }
}
