package io.movierecs.gateway.recommend;

/**
 * {@code GET /api/v1/status}: how fresh the index is.
 *
 * @param indexReachable whether index-service answered the last state request
 * @param phase its ingest phase ({@code LIVE} once caught up), or null
 * @param generation the index generation (changes with every applied batch)
 * @param ntotal movies in the index
 * @param newestChangeAtMs catalog commit time of the newest change the index holds (0 when unknown)
 * @param newestChangeAgeSeconds how long ago that was, or -1 when unknown
 * @param checkedAgeSeconds how long ago index-service last answered, or -1 when never
 */
public record Status(boolean indexReachable, String phase, long generation, long ntotal, long newestChangeAtMs,
        double newestChangeAgeSeconds, double checkedAgeSeconds) {
}
