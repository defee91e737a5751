package io.movierecs.catalog.cli;

import io.movierecs.catalog.importer.Progress;

/** Prints import progress to standard error, at most a few lines a second. */
final class ConsoleProgress implements Progress {

    private static final long MIN_INTERVAL_NANOS = 250_000_000L;

    private long lastPrinted;

    @Override
    public void update(String stage, long done, long total) {
        long now = System.nanoTime();
        boolean finished = total >= 0 && done >= total;
        if (!finished && now - lastPrinted < MIN_INTERVAL_NANOS) {
            return;
        }
        lastPrinted = now;
        String percent = total > 0 ? String.format(" (%d%%)", done * 100 / total) : "";
        System.err.printf("%s: %,d of %,d rows%s%n", stage, done, total, percent);
    }
}
