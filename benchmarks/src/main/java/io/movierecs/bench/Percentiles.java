package io.movierecs.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of durations in milliseconds. */
final class Percentiles {

    private final double[] sorted;

    Percentiles(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = millis.clone();
        Arrays.sort(sorted);
    }

    double at(double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    String summary() {
        return String.format("n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", sorted.length, at(50), at(95),
                at(99), max());
    }
}
