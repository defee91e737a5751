package io.movierecs.launcher.chaos;

import io.movierecs.launcher.BrokerProcess;
import io.movierecs.launcher.JsonHttp;
import io.movierecs.launcher.Services;
import io.movierecs.launcher.Stack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One chaos run on a started pipeline: the workload and the fault schedule side by side over the same planned
 * duration, then the wait for quiet, then the check against the catalog.
 */
final class ChaosRun {

    /**
     * @param changes catalog changes to make
     * @param seed seeds the workload and the order of the faults
     * @param killsPerService kill -9 of every service this many times
     * @param brokerStop how long the broker stays stopped
     * @param brokerFreeze how long the broker stays frozen
     * @param quiet nothing may change for this long before the check
     * @param quietTimeout the longest wait for quiet
     */
    record Options(int changes, long seed, int killsPerService, Duration brokerStop, Duration brokerFreeze,
            Duration quiet, Duration quietTimeout) {
    }

    /** The fastest pace of the workload, in changes per second. */
    private static final int MAX_RATE = 20;

    private final Stack stack;
    private final Options options;
    private final PrintStream out;

    ChaosRun(Stack stack, Options options, PrintStream out) {
        this.stack = stack;
        this.options = options;
        this.out = out;
    }

    ChaosResult run() throws Exception {
        FaultSchedule schedule = new FaultSchedule(stack, options.seed(), options.killsPerService(),
                options.brokerStop(), options.brokerFreeze(), out);
        Duration planned = schedule.minimumDuration();
        Duration atMaxRate = Duration.ofMillis(1000L * options.changes() / MAX_RATE);
        if (atMaxRate.compareTo(planned) > 0) {
            planned = atMaxRate;
        }
        long interval = Math.max(1, planned.toMillis() / options.changes());
        out.printf("chaos: %d changes over %d s (one every %d ms), %d faults, seed %d%n", options.changes(),
                planned.toSeconds(), interval, schedule.planned(), options.seed());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Visibility visibility = new Visibility(new JsonHttp(stack.url(Services.QUERY_GATEWAY)),
                planned.plus(options.quietTimeout()))) {
            Workload workload = new Workload(stack::catalog, options.seed(), visibility);
            long startMs = System.currentTimeMillis();
            CompletableFuture<Void> changes = CompletableFuture.runAsync(
                    () -> runWorkload(workload, options.changes(), interval), threads);
            Duration scheduleLength = planned;
            CompletableFuture<Void> faults = CompletableFuture.runAsync(() -> runFaults(schedule, scheduleLength),
                    threads);
            join(changes, faults);
            out.printf("chaos: workload and faults done after %.0f s; waiting for the pipeline to go quiet%n",
                    (System.currentTimeMillis() - startMs) / 1000.0);
            long quietAfter = new Quiet(stack).await(options.quiet(), options.quietTimeout());
            visibility.close();
            CatalogTruth truth = CatalogTruth.read(stack.catalog());
            Checker.Findings findings = new Checker(stack.url(Services.INDEX_SERVICE),
                    stack.url(Services.QUERY_GATEWAY)).check(truth, workload.everDeleted());
            return new ChaosResult(options.seed(), startMs, workload.changes(), workload.byKind(), schedule.done(),
                    restarts(), quietAfter, findings);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void join(CompletableFuture<Void> changes, CompletableFuture<Void> faults) throws Exception {
        try {
            CompletableFuture.allOf(changes, faults).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void runWorkload(Workload workload, int count, long interval) {
        try {
            workload.run(count, interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void runFaults(FaultSchedule schedule, Duration length) {
        try {
            schedule.run(length);
        } catch (Exception e) {
            throw new IllegalStateException("fault schedule failed: " + e.getMessage(), e);
        }
    }

    private Map<String, Integer> restarts() {
        Map<String, Integer> restarts = new LinkedHashMap<>();
        for (String service : stack.services()) {
            restarts.put(service, stack.restarts(service));
        }
        restarts.put(BrokerProcess.NAME, stack.restarts(BrokerProcess.NAME));
        return restarts;
    }

    /** Writes the timeline PNG and the CSV of every change into {@code directory}; prints their paths. */
    static void writeArtifacts(ChaosResult result, Path directory, PrintStream out) throws IOException {
        out.println("timeline: " + Timeline.write(result, directory.resolve("chaos-timeline.png")));
        out.println("changes:  " + ChangeCsv.write(result, directory.resolve("chaos-changes.csv")));
    }
}
