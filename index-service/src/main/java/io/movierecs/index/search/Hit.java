package io.movierecs.index.search;

import io.movierecs.index.store.StoredMovie;

/**
 * One search result.
 *
 * @param movie the movie
 * @param score inner product with the query (cosine on normalised vectors)
 */
public record Hit(StoredMovie movie, float score) {
}
