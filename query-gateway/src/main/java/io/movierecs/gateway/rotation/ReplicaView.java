package io.movierecs.gateway.rotation;

/**
 * One replica in {@code /api/v1/status}.
 *
 * @param url where it answers
 * @param inRotation whether requests go to it
 * @param answering whether it answered within the freshness budget
 * @param ready whether it reported ready (null: never answered; true when it does not report it)
 * @param phase its ingest phase, or null
 * @param generation its own generation number, or -1
 * @param ntotal movies in its index
 * @param newestSourceTsMs catalog commit time of the newest change it holds (0 when unknown)
 * @param position how far into movie-vectors it has applied, or null when unknown
 * @param lag how far its position is behind the highest answering one, or null when unknown
 * @param lastAnsweredAgeSeconds how long ago it last answered, or -1 when never
 * @param reason why it is out of rotation, or null
 */
public record ReplicaView(String url, boolean inRotation, boolean answering, Boolean ready, String phase,
        long generation, long ntotal, long newestSourceTsMs, Long position, Long lag, double lastAnsweredAgeSeconds,
        String reason) {

    static ReplicaView of(String url, ReplicaState state, long now, long budgetMs, long top, String reason) {
        double age = state.answeredAtMs() == 0 ? -1 : (now - state.answeredAtMs()) / 1000.0;
        if (state.state() == null) {
            return new ReplicaView(url, false, false, null, null, -1, 0, 0, null, null, age, reason);
        }
        Long position = state.position();
        Long lag = position == null || top < 0 ? null : Math.max(0, top - position);
        return new ReplicaView(url, state.inRotation(now, budgetMs), state.answering(now, budgetMs),
                state.state().readyOrUnknown(), state.state().phase(), state.state().generation(),
                state.state().ntotal(), state.state().newestSourceTsMs(), position, lag, age, reason);
    }
}
