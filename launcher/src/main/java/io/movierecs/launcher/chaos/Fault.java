package io.movierecs.launcher.chaos;

/**
 * A fault the schedule injected: from {@code startMs} (the kill, stop, freeze or restart) to {@code endMs} (the
 * target ready again). Times are epoch milliseconds.
 *
 * @param kind {@code kill -9}, {@code stop}, {@code freeze} or {@code restart}
 * @param target a service, {@code kafka} or {@code postgresql}
 */
record Fault(String kind, String target, long startMs, long endMs) {

    boolean overlaps(long fromMs, long toMs) {
        return fromMs <= endMs && toMs >= startMs;
    }

    @Override
    public String toString() {
        return kind + " " + target;
    }
}
