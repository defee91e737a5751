package io.movierecs.gateway.recommend;

import io.movierecs.gateway.rotation.ReplicaView;
import java.util.List;

/**
 * {@code GET /api/v1/status}: how live and fresh the index is. The single-index fields describe the replica
 * answers come from (the first in rotation at the highest position, else the first answering one).
 *
 * @param indexReachable whether any index-service replica answered within the freshness budget
 * @param live whether a replica is in rotation and its ingest phase is {@code LIVE} (the page shows a banner
 *        otherwise)
 * @param phase overall: that replica's ingest phase ({@code LIVE}, {@code CATCHING_UP}, {@code FAILED}, ...),
 *        {@code OUT_OF_ROTATION} when replicas answer but none is in rotation (not ready or behind), or
 *        {@code UNAVAILABLE} when none answers
 * @param generation that replica's generation (each replica numbers its own), or -1
 * @param position the highest applied position in rotation (comparable across replicas), or null when unknown
 * @param ntotal movies in its index
 * @param newestChangeAtMs catalog commit time of the newest change it holds (0 when unknown)
 * @param newestChangeAgeSeconds how long ago that was, or -1 when unknown
 * @param checkedAgeSeconds how long ago a replica last answered, or -1 when never
 * @param replicasInRotation how many replicas requests go to
 * @param replicas every configured replica
 */
public record Status(boolean indexReachable, boolean live, String phase, long generation, Long position, long ntotal,
        long newestChangeAtMs, double newestChangeAgeSeconds, double checkedAgeSeconds, int replicasInRotation,
        List<ReplicaView> replicas) {

    /** The status seen from these replicas at {@code nowMs}. */
    static Status of(List<ReplicaView> replicas, long nowMs) {
        ReplicaView best = replicas.stream().filter(ReplicaView::inRotation)
                .max(java.util.Comparator.comparing(r -> r.position() == null ? -1 : r.position()))
                .orElse(replicas.stream().filter(ReplicaView::answering).findFirst().orElse(null));
        int inRotation = (int) replicas.stream().filter(ReplicaView::inRotation).count();
        double checked = replicas.stream().mapToDouble(ReplicaView::lastAnsweredAgeSeconds).filter(age -> age >= 0)
                .min().orElse(-1);
        if (best == null) {
            return new Status(false, false, "UNAVAILABLE", -1, null, 0, 0, -1, checked, 0, replicas);
        }
        String phase = inRotation == 0 && "LIVE".equals(best.phase()) ? "OUT_OF_ROTATION" : best.phase();
        double changeAge = best.newestSourceTsMs() <= 0 ? -1 : Math.max(0, nowMs - best.newestSourceTsMs()) / 1000.0;
        return new Status(true, inRotation > 0 && "LIVE".equals(phase), phase, best.generation(),
                inRotation > 0 ? best.position() : null, best.ntotal(), best.newestSourceTsMs(), changeAge, checked,
                inRotation, replicas);
    }
}
