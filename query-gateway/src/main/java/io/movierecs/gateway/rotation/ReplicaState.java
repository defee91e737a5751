package io.movierecs.gateway.rotation;

import io.movierecs.gateway.index.IndexState;

/**
 * What the gateway last knew of one replica (immutable; the rotation swaps whole states).
 *
 * @param state its last answer to a state request, or null if it never answered
 * @param answeredAtMs when it last answered (epoch ms, 0 = never)
 * @param failing whether its last state request failed (down, frozen past the timeout, or a 5xx)
 * @param behindSinceMs since when its position has been behind the highest answering position (0 = it is not)
 */
record ReplicaState(IndexState state, long answeredAtMs, boolean failing, long behindSinceMs) {

    static final ReplicaState NEVER = new ReplicaState(null, 0, false, 0);

    /** Its applied position, or null when it never answered or does not report one. */
    Long position() {
        return state == null ? null : state.position();
    }

    /** Answered within {@code budgetMs} of {@code now}, and its last request did not fail. */
    boolean answering(long now, long budgetMs) {
        return state != null && !failing && now - answeredAtMs <= budgetMs;
    }

    /** Answering, ready, and not behind the highest position for longer than the budget. */
    boolean inRotation(long now, long budgetMs) {
        return answering(now, budgetMs) && state.readyOrUnknown() && !lagging(now, budgetMs);
    }

    boolean lagging(long now, long budgetMs) {
        return behindSinceMs != 0 && now - behindSinceMs > budgetMs;
    }

    ReplicaState behindSince(long since) {
        return new ReplicaState(state, answeredAtMs, failing, since);
    }
}
