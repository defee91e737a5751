package io.movierecs.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A child process kept running the way Kubernetes keeps a container running: when it exits without being asked
 * to, it is started again after a capped backoff (1 s doubling to 30 s; back to 1 s once it stayed up for a
 * minute). {@link #stop()} (SIGTERM) and {@link #kill()} (kill -9, which the supervisor answers with a restart)
 * and {@link #freeze()}/{@link #thaw()} (SIGSTOP/SIGCONT) act on the current process.
 */
public final class Supervised implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervised.class);
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final Duration STABLE = Duration.ofMinutes(1);

    private final ChildCommand command;
    private final ScheduledExecutorService restarts;
    private final ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
    private BackOffExecution execution;
    private Process process;
    private boolean wanted;
    private long startedAtNanos;
    private int unexpectedExits;

    public Supervised(ChildCommand command) {
        this.command = command;
        this.backOff.setMaxInterval(30_000);
        this.execution = backOff.start();
        this.restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "supervise-" + command.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    public String name() {
        return command.name();
    }

    /** Starts the process (if it is not running) and keeps it running until {@link #stop()}. */
    public synchronized void start() throws IOException {
        wanted = true;
        if (process != null && process.isAlive()) {
            return;
        }
        Process started = command.start();
        process = started;
        startedAtNanos = System.nanoTime();
        log.debug("started {} (pid {}): {}", command.name(), started.pid(), command.command());
        started.onExit().thenAccept(this::exited);
    }

    private synchronized void exited(Process ended) {
        if (ended != process || !wanted) {
            return;
        }
        unexpectedExits++;
        if (System.nanoTime() - startedAtNanos > STABLE.toNanos()) {
            execution = backOff.start();
        }
        long delay = execution.nextBackOff();
        log.warn("{} (pid {}) exited unexpectedly with status {}: restarting it in {} ms (restart {}; log {})",
                command.name(), ended.pid(), ended.exitValue(), delay, unexpectedExits, command.logFile());
        restarts.schedule(this::restart, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void restart() {
        if (!wanted || (process != null && process.isAlive())) {
            return;
        }
        try {
            start();
        } catch (IOException e) {
            log.error("could not restart {}: {}", command.name(), e.toString());
            restarts.schedule(this::restart, execution.nextBackOff(), TimeUnit.MILLISECONDS);
        }
    }

    /** Graceful stop (SIGTERM, kill -9 after 60 s); the supervisor does not restart it. */
    public void stop() throws InterruptedException {
        Process current;
        synchronized (this) {
            wanted = false;
            current = process;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        thaw();
        current.destroy();
        if (!current.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
            log.warn("{} did not stop within {} s: killing it", command.name(), GRACE.toSeconds());
            current.destroyForcibly().waitFor();
        }
    }

    /** kill -9: no shutdown hooks; the supervisor starts it again after its backoff. */
    public void kill() throws InterruptedException {
        Process current = current();
        if (current != null) {
            current.destroyForcibly().waitFor();
        }
    }

    /** SIGSTOP: the process stays, answers nothing, and its connections stay open. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() throws InterruptedException {
        try {
            signal("CONT");
        } catch (IOException e) {
            log.warn("could not thaw {}: {}", command.name(), e.toString());
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process current = current();
        if (current == null || !current.isAlive()) {
            return;
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(current.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + current.pid() + " failed");
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** How often it exited without being asked to (each one answered with a restart). */
    public synchronized int unexpectedExits() {
        return unexpectedExits;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    private synchronized Process current() {
        return process;
    }

    public java.nio.file.Path logFile() {
        return command.logFile();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stop();
        } finally {
            restarts.shutdownNow();
        }
    }
}
