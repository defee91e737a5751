package io.movierecs.launcher.chaos;

import io.movierecs.launcher.BrokerProcess;
import io.movierecs.launcher.Stack;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The faults of a chaos run, in a seeded order spread evenly over the run: kill -9 of every service
 * {@code killsPerService} times (the supervisor restarts it), the broker stopped (SIGTERM) for
 * {@code brokerStop} and frozen (SIGSTOP) for {@code brokerFreeze}, and a PostgreSQL restart. One fault at a
 * time: each ends when its target is ready again, so fault windows are distinct.
 */
final class FaultSchedule {

    /** Allowance per kill in the planned duration: a service JVM restarting and loading its model. */
    static final Duration KILL_ALLOWANCE = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final Stack stack;
    private final List<String> plan;
    private final Duration brokerStop;
    private final Duration brokerFreeze;
    private final PrintStream out;
    private final List<Fault> done = Collections.synchronizedList(new ArrayList<>());

    FaultSchedule(Stack stack, long seed, int killsPerService, Duration brokerStop, Duration brokerFreeze,
            PrintStream out) {
        this.stack = stack;
        this.brokerStop = brokerStop;
        this.brokerFreeze = brokerFreeze;
        this.out = out;
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < killsPerService; i++) {
            stack.services().forEach(service -> faults.add("kill " + service));
        }
        faults.addAll(List.of("stop-broker", "freeze-broker", "restart-postgresql"));
        Collections.shuffle(faults, new Random(seed ^ 0x5DEECE66DL));
        this.plan = List.copyOf(faults);
    }

    /** How long the faults themselves take, roughly: the shortest sensible run. */
    Duration minimumDuration() {
        long kills = plan.stream().filter(f -> f.startsWith("kill ")).count();
        return KILL_ALLOWANCE.multipliedBy(kills).plus(brokerStop).plus(brokerFreeze).plusSeconds(10);
    }

    /** Runs the faults, the i-th at {@code start + i * duration / faults} (or at once when behind). */
    void run(Duration duration) throws Exception {
        long start = System.currentTimeMillis();
        long slot = duration.toMillis() / (plan.size() + 1);
        for (int i = 0; i < plan.size(); i++) {
            long wait = start + (i + 1) * slot - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            Fault fault = inject(plan.get(i));
            done.add(fault);
            out.printf("  fault %d/%d: %s, %.1f s until ready again%n", i + 1, plan.size(), fault,
                    (fault.endMs() - fault.startMs()) / 1000.0);
        }
    }

    private Fault inject(String what) throws Exception {
        long startMs = System.currentTimeMillis();
        switch (what) {
            case "stop-broker" -> {
                stack.stop(BrokerProcess.NAME);
                Thread.sleep(brokerStop.toMillis());
                stack.start(BrokerProcess.NAME);
                return new Fault("stop " + brokerStop.toSeconds() + " s", BrokerProcess.NAME, startMs, now());
            }
            case "freeze-broker" -> {
                stack.freeze(BrokerProcess.NAME);
                Thread.sleep(brokerFreeze.toMillis());
                stack.thaw(BrokerProcess.NAME);
                stack.awaitReady(BrokerProcess.NAME, READY_TIMEOUT);
                return new Fault("freeze " + brokerFreeze.toSeconds() + " s", BrokerProcess.NAME, startMs, now());
            }
            case "restart-postgresql" -> {
                stack.restartCatalog();
                return new Fault("restart", "postgresql", startMs, now());
            }
            default -> {
                String service = what.substring("kill ".length());
                stack.kill(service);
                stack.awaitReady(service, READY_TIMEOUT);
                return new Fault("kill -9", service, startMs, now());
            }
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    int planned() {
        return plan.size();
    }

    /** The faults injected so far, in order. */
    List<Fault> done() {
        synchronized (done) {
            return List.copyOf(done);
        }
    }
}
