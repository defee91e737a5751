package io.movierecs.launcher.chaos;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Prints a chaos run's result: changes, faults, time to quiet, the four counts and freshness outside faults. */
final class ChaosReport {

    private ChaosReport() {
    }

    static void print(ChaosResult result, PrintStream out) {
        out.printf("%nchaos run, seed %d%n", result.seed());
        out.printf("changes: %d (%s)%n", result.changes().size(), result.byKind().entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase() + " " + e.getValue()).collect(Collectors.joining(", ")));
        Map<Change.Outcome, Long> outcomes = result.changes().stream()
                .collect(Collectors.groupingBy(Change::outcome, Collectors.counting()));
        out.printf("  through the gateway: %s%n", outcomes);
        out.printf("faults: %d%n", result.faults().size());
        for (Fault fault : result.faults()) {
            out.printf("  +%6.1f s  %-10s %-16s %6.1f s until ready%n", (fault.startMs() - result.startMs()) / 1000.0,
                    fault.kind(), fault.target(), (fault.endMs() - fault.startMs()) / 1000.0);
        }
        out.printf("supervisor restarts: %s%n", result.restarts());
        out.printf("time to go quiet: %s%n", result.quietAfterMs() < 0 ? "did not go quiet within the timeout"
                : String.format("%.1f s", result.quietAfterMs() / 1000.0));
        Checker.Findings findings = result.findings();
        line(out, "missing", findings.missing());
        line(out, "stale", findings.stale());
        line(out, "resurrected", findings.resurrected());
        out.printf("duplicate: %d%s%n", findings.duplicates().size(), findings.duplicates().isEmpty() ? ""
                : " " + findings.duplicates().stream().limit(10).toList());
        long[] lags = result.lagsOutsideFaults();
        out.printf("freshness outside fault windows (commit -> visible through the gateway): n=%d p50=%d ms"
                + " p99=%d ms%n", lags.length, ChaosResult.percentile(lags, 50), ChaosResult.percentile(lags, 99));
        out.println(result.passed() ? "PASSED: every count is 0" : "FAILED");
    }

    private static void line(PrintStream out, String what, Set<Long> ids) {
        out.printf("%s: %d%s%n", what, ids.size(), ids.isEmpty() ? "" : " e.g. " + ids.stream().limit(10).toList());
    }
}
