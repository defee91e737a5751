package io.movierecs.launcher.chaos;

import java.util.List;
import java.util.Map;

/**
 * What a chaos run did and found.
 *
 * @param seed the seed of the workload and the schedule
 * @param startMs when the workload started (epoch ms)
 * @param changes every change, in order
 * @param byKind changes by kind
 * @param faults the faults injected, in order
 * @param restarts supervisor restarts per process
 * @param quietAfterMs from the end of the workload and schedule to the pipeline quiet, or -1 (timeout)
 * @param findings the check against the catalog
 */
record ChaosResult(long seed, long startMs, List<Change> changes, Map<Change.Kind, Integer> byKind,
        List<Fault> faults, Map<String, Integer> restarts, long quietAfterMs, Checker.Findings findings) {

    /** Every count 0 and the pipeline went quiet. */
    boolean passed() {
        return quietAfterMs >= 0 && findings.clean();
    }

    /** Commit-to-visible lags of the changes whose window from commit to visible touches no fault. */
    long[] lagsOutsideFaults() {
        return changes.stream().filter(change -> change.outcome() == Change.Outcome.VISIBLE)
                .filter(change -> faults.stream().noneMatch(f -> f.overlaps(change.committedAtMs,
                        change.visibleAtMs())))
                .mapToLong(Change::lagMs).sorted().toArray();
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
