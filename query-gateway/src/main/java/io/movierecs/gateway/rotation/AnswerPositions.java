package io.movierecs.gateway.rotation;

import java.util.function.Supplier;

/**
 * Per thread, the lowest position among the replicas that answered the index calls of one cached load (nested
 * loads fold into the enclosing one), so the cache keeps an answer only when every part of it came from a
 * replica at the cache's position.
 */
public final class AnswerPositions {

    /**
     * A load's value and where it came from.
     *
     * @param value what the load returned
     * @param lowestPosition the lowest position among the replicas that answered ({@code Long.MAX_VALUE} when
     *        none was asked)
     * @param unknown whether some answering replica did not report its position
     */
    public record Tracked<T>(T value, long lowestPosition, boolean unknown) {

        /** Whether the value may be cached under {@code version}. */
        public boolean currentAt(CacheVersion version) {
            return !version.positional() || (!unknown && lowestPosition >= version.position());
        }
    }

    private static final class Lowest {
        long position = Long.MAX_VALUE;
        boolean unknown;
    }

    private final ThreadLocal<Lowest> current = new ThreadLocal<>();

    /** An index call of the running load was answered at {@code position} (null: unknown). */
    void note(Long position) {
        Lowest lowest = current.get();
        if (lowest == null) {
            return;
        }
        if (position == null) {
            lowest.unknown = true;
        } else {
            lowest.position = Math.min(lowest.position, position);
        }
    }

    <T> Tracked<T> track(Supplier<T> load) {
        Lowest outer = current.get();
        Lowest mine = new Lowest();
        current.set(mine);
        try {
            return new Tracked<>(load.get(), mine.position, mine.unknown);
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                outer.position = Math.min(outer.position, mine.position);
                outer.unknown |= mine.unknown;
                current.set(outer);
            }
        }
    }
}
