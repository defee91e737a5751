package io.movierecs.launcher.chaos;

import io.movierecs.launcher.JsonHttp;
import java.util.function.Predicate;

/**
 * One catalog change the workload made, and when the gateway showed it.
 *
 * <p>{@code committedAtMs} is -1 when the commit failed (its outcome unknown: the catalog itself is the truth
 * the checker reads). {@code visibleAtMs} is set by {@link Visibility}; a change followed by another one on the
 * same movie before it was seen is {@link Outcome#SUPERSEDED} and has no lag.
 */
final class Change {

    enum Kind { INSERT, TEXT_UPDATE, POSTER_UPDATE, CAST_CHANGE, PERSON_RENAME, DELETE, REINSERT }

    enum Outcome { PENDING, VISIBLE, SUPERSEDED, NOT_SEEN, FAILED }

    final int seq;
    final Kind kind;
    final long movie;
    final long committedAtMs;
    /** What the gateway's {@code /api/v1/movies/{movie}} answers once the change is visible. */
    final Predicate<JsonHttp.Reply> visible;
    private volatile long visibleAtMs = -1;
    private volatile Outcome outcome;

    Change(int seq, Kind kind, long movie, long committedAtMs, Predicate<JsonHttp.Reply> visible) {
        this.seq = seq;
        this.kind = kind;
        this.movie = movie;
        this.committedAtMs = committedAtMs;
        this.visible = visible;
        this.outcome = committedAtMs < 0 ? Outcome.FAILED : Outcome.PENDING;
    }

    synchronized void seen(long atMs) {
        if (outcome == Outcome.PENDING) {
            visibleAtMs = atMs;
            outcome = Outcome.VISIBLE;
        }
    }

    synchronized void end(Outcome end) {
        if (outcome == Outcome.PENDING) {
            outcome = end;
        }
    }

    long visibleAtMs() {
        return visibleAtMs;
    }

    Outcome outcome() {
        return outcome;
    }

    /** Commit to visible through the gateway, or -1. */
    long lagMs() {
        return outcome == Outcome.VISIBLE ? visibleAtMs - committedAtMs : -1;
    }
}
