package io.movierecs.gateway.index;

/**
 * The part of {@code /internal/v1/index} the gateway uses. {@code ready} and {@code position} come from
 * index-service's state contract; an older index-service sends neither (null here): such a replica counts as
 * ready and its position as unknown.
 *
 * @param phase ingest phase ({@code LIVE} once caught up)
 * @param factory the Faiss index searched
 * @param ntotal vectors in the index
 * @param generation changes with every applied batch (numbered by each replica on its own)
 * @param newestSourceTsMs catalog commit time of the newest change the index holds (0 when unknown)
 * @param ready restore and catch-up are complete (null: not reported)
 * @param position how far into {@code movie-vectors} the replica has applied: the sum of its next offsets,
 *        comparable across replicas (null: not reported)
 */
public record IndexState(String phase, String factory, long ntotal, long generation, long newestSourceTsMs,
        Boolean ready, Long position) {

    /** A state without the contract's newer fields (an older index-service). */
    public IndexState(String phase, String factory, long ntotal, long generation, long newestSourceTsMs) {
        this(phase, factory, ntotal, generation, newestSourceTsMs, null, null);
    }

    /** Whether searches may go to it: {@code ready}, or not reported. */
    public boolean readyOrUnknown() {
        return ready == null || ready;
    }
}
