package io.movierecs.gateway.index;

import java.util.List;

/**
 * index-service as the gateway sees it. Every call throws {@link IndexUnavailableException} when no replica
 * answered, {@link MovieNotFoundException} for an unknown movie.
 */
public interface IndexClient {

    /** The movie's metadata and credits; its vector too when {@code withVector}. */
    IndexMovie movie(long id, boolean withVector);

    /** Movies similar to {@code id} (itself excluded). */
    IndexResults similar(long id, int k, Filters filters);

    /** The nearest movies to a vector, never any of {@code exclude}. */
    IndexResults search(float[] vector, int k, Filters filters, List<Long> exclude);

    /** Movies whose title starts with {@code prefix} (ignoring case, accents and a leading article). */
    List<IndexMovie> titles(String prefix, int limit);

    /** The index's state (generation, size, freshness), from the first replica in the configured order that answers. */
    IndexState state();

    /**
     * The same, once the generation differs from {@code generation}: at once if it already does, else when it
     * changes, or after {@code waitMs} (a long poll; index-service answers with the unchanged state then).
     */
    default IndexState stateAfter(long generation, long waitMs) {
        return state();
    }
}
