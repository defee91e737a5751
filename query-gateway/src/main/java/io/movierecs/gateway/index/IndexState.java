package io.movierecs.gateway.index;

/**
 * The part of {@code /internal/v1/index} the gateway uses.
 *
 * @param phase ingest phase ({@code LIVE} once caught up)
 * @param factory the Faiss index searched
 * @param ntotal vectors in the index
 * @param generation changes with every applied batch
 * @param newestSourceTsMs catalog commit time of the newest change the index holds (0 when unknown)
 */
public record IndexState(String phase, String factory, long ntotal, long generation, long newestSourceTsMs) {
}
