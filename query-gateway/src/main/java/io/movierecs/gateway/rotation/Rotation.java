package io.movierecs.gateway.rotation;

import io.movierecs.gateway.index.IndexState;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas' last states and the rules built on them. A replica is in rotation while it answered within
 * the freshness budget ({@code query-gateway.cache.max-age-ms}), is ready, and its position has not been behind
 * the highest position among answering replicas for longer than the budget. A replica that does not report a
 * position (an older index-service) is never counted as behind, and one that does not report {@code ready}
 * counts as ready. Writes come from the watches (and from answers at a known generation); reads are lock-free.
 */
public class Rotation {

    private static final Logger log = LoggerFactory.getLogger(Rotation.class);

    private final List<String> urls;
    private final AtomicReferenceArray<ReplicaState> states;
    private final long budgetMs;
    private final InstantSource clock;
    private final AtomicInteger next = new AtomicInteger();
    private final AnswerPositions answers = new AnswerPositions();
    private final boolean[] wasInRotation;
    private volatile long lastProgressAtMs;

    public Rotation(List<String> urls, long budgetMs, InstantSource clock) {
        this.urls = List.copyOf(urls);
        this.states = new AtomicReferenceArray<>(urls.size());
        for (int i = 0; i < urls.size(); i++) {
            states.set(i, ReplicaState.NEVER);
        }
        this.budgetMs = budgetMs;
        this.clock = clock;
        this.wasInRotation = new boolean[urls.size()];
        this.lastProgressAtMs = clock.millis();
    }

    public List<String> urls() {
        return urls;
    }

    public long budgetMs() {
        return budgetMs;
    }

    /** Replica {@code replica} answered a state request with {@code state}. */
    public synchronized void answered(int replica, IndexState state) {
        long now = clock.millis();
        ReplicaState old = states.get(replica);
        states.set(replica, new ReplicaState(state, now, false, old.behindSinceMs()));
        settle(now);
    }

    /** A state request to {@code replica} failed: it is out of rotation until it answers again. */
    public synchronized void failed(int replica) {
        long now = clock.millis();
        ReplicaState old = states.get(replica);
        states.set(replica, new ReplicaState(old.state(), old.answeredAtMs(), true, old.behindSinceMs()));
        settle(now);
    }

    /**
     * A search or lookup was answered by {@code replica}. An answer at the generation its watch last saw counts
     * as a confirmation (keeps it in rotation while a watch is slowed down by load); the position (the
     * answer's, else the replica's last known) is noted for the answer cache.
     */
    public void served(int replica, Long generation, Long position) {
        ReplicaState known = states.get(replica);
        if (generation != null && known.state() != null && !known.failing()
                && generation == known.state().generation() && clock.millis() - known.answeredAtMs() > budgetMs / 4) {
            confirm(replica, generation);
        }
        answers.note(position != null ? position : known.position());
    }

    private synchronized void confirm(int replica, long generation) {
        ReplicaState known = states.get(replica);
        if (known.state() != null && known.state().generation() == generation && !known.failing()) {
            long now = clock.millis();
            states.set(replica, new ReplicaState(known.state(), Math.max(now, known.answeredAtMs()), false,
                    known.behindSinceMs()));
            settle(now);
        }
    }

    /** Restarts the lag clocks after a change and notes progress. Caller holds the lock. */
    private void settle(long now) {
        long top = highestPosition(now, false);
        boolean anyIn = false;
        for (int i = 0; i < states.length(); i++) {
            ReplicaState state = states.get(i);
            Long position = state.position();
            long since = position == null || top < 0 || position >= top ? 0
                    : state.behindSinceMs() == 0 ? now : state.behindSinceMs();
            if (since != state.behindSinceMs()) {
                states.set(i, state.behindSince(since));
            }
            anyIn |= logTransition(i, now);
        }
        if (anyIn) {
            lastProgressAtMs = now;
        }
    }

    private boolean logTransition(int replica, long now) {
        ReplicaState state = states.get(replica);
        boolean in = state.inRotation(now, budgetMs);
        if (in != wasInRotation[replica]) {
            wasInRotation[replica] = in;
            if (in) {
                log.info("index-service replica {} is in rotation (position {})", urls.get(replica), state.position());
            } else {
                log.warn("index-service replica {} is out of rotation: {}", urls.get(replica), reason(state, now));
            }
        }
        return in;
    }

    /** The highest known position among replicas answering (or in rotation), or -1 when none reports one. */
    private long highestPosition(long now, boolean inRotationOnly) {
        long top = -1;
        for (int i = 0; i < states.length(); i++) {
            ReplicaState state = states.get(i);
            boolean counts = inRotationOnly ? state.inRotation(now, budgetMs) : state.answering(now, budgetMs);
            if (counts && state.position() != null) {
                top = Math.max(top, state.position());
            }
        }
        return top;
    }

    /**
     * The replicas to try for one call, best first: those in rotation at the highest position, then the rest in
     * rotation, each group in a round robin; every replica (round robin) when none is in rotation.
     */
    public int[] order() {
        long now = clock.millis();
        long top = highestPosition(now, true);
        List<Integer> current = new ArrayList<>();
        List<Integer> behind = new ArrayList<>();
        for (int i = 0; i < states.length(); i++) {
            ReplicaState state = states.get(i);
            if (state.inRotation(now, budgetMs)) {
                (state.position() == null || state.position() >= top ? current : behind).add(i);
            }
        }
        int turn = next.getAndIncrement();
        List<Integer> order = new ArrayList<>(rotate(current, turn));
        order.addAll(rotate(behind, turn));
        if (order.isEmpty()) {
            for (int i = 0; i < states.length(); i++) {
                order.add(i);
            }
            order = rotate(order, turn);
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Integer> rotate(List<Integer> list, int turn) {
        if (list.size() < 2) {
            return list;
        }
        int from = Math.floorMod(turn, list.size());
        List<Integer> rotated = new ArrayList<>(list.subList(from, list.size()));
        rotated.addAll(list.subList(0, from));
        return rotated;
    }

    /**
     * What cached answers are valid for now, or null when no replica is in rotation (nothing is served from the
     * cache). With positions: the highest position in rotation. When a replica in rotation does not report its
     * position: the generations of the replicas in rotation (the behaviour before positions existed).
     */
    public CacheVersion cacheVersion() {
        long now = clock.millis();
        long top = -1;
        boolean unknown = false;
        boolean any = false;
        for (int i = 0; i < states.length(); i++) {
            ReplicaState state = states.get(i);
            if (state.inRotation(now, budgetMs)) {
                any = true;
                unknown |= state.position() == null;
                top = state.position() == null ? top : Math.max(top, state.position());
            }
        }
        if (!any) {
            return null;
        }
        return unknown ? new CacheVersion(generations(now), -1) : new CacheVersion("p:" + top, top);
    }

    /** {@code g:<replica>@<generation>...} over the replicas in rotation. */
    private String generations(long now) {
        StringBuilder key = new StringBuilder("g");
        for (int i = 0; i < states.length(); i++) {
            ReplicaState state = states.get(i);
            if (state.inRotation(now, budgetMs)) {
                key.append(':').append(i).append('@').append(state.state().generation());
            }
        }
        return key.toString();
    }

    /** Runs {@code load} and reports the lowest position of the replicas that answered it. */
    public <T> AnswerPositions.Tracked<T> track(java.util.function.Supplier<T> load) {
        return answers.track(load);
    }

    /** Every replica as {@code /api/v1/status} and the metrics show it. */
    public List<ReplicaView> view() {
        long now = clock.millis();
        long top = highestPosition(now, false);
        List<ReplicaView> views = new ArrayList<>();
        for (int i = 0; i < states.length(); i++) {
            ReplicaState state = states.get(i);
            views.add(ReplicaView.of(urls.get(i), state, now, budgetMs, top, reason(state, now)));
        }
        return views;
    }

    public boolean inRotation(int replica) {
        return states.get(replica).inRotation(clock.millis(), budgetMs);
    }

    public boolean anyInRotation() {
        long now = clock.millis();
        for (int i = 0; i < states.length(); i++) {
            if (states.get(i).inRotation(now, budgetMs)) {
                lastProgressAtMs = Math.max(lastProgressAtMs, now);
                return true;
            }
        }
        return false;
    }

    /** The last time a replica was in rotation and answering (epoch ms; the start when never). */
    public long lastProgressAtMs() {
        anyInRotation();
        return lastProgressAtMs;
    }

    public long now() {
        return clock.millis();
    }

    /** Why a replica is out of rotation, or null when it is in. */
    String reason(ReplicaState state, long now) {
        if (state.state() == null) {
            return state.failing() ? "not answering" : "not heard from yet";
        }
        if (state.failing()) {
            return "not answering (last answer " + (now - state.answeredAtMs()) + " ms ago)";
        }
        if (!state.answering(now, budgetMs)) {
            return "no answer for " + (now - state.answeredAtMs()) + " ms (frozen or slow)";
        }
        if (!state.state().readyOrUnknown()) {
            return "not ready (phase " + state.state().phase() + ")";
        }
        if (state.lagging(now, budgetMs)) {
            return "behind the highest position for " + (now - state.behindSinceMs()) + " ms";
        }
        return null;
    }
}
