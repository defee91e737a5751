/**
 * Similarity search for the gateway: filtered search over the live index (oversampling and widening until k
 * results are found, an exact scan of the matching movies when the filter is very selective), movie look-ups
 * by id and title prefix, and their internal HTTP JSON API with RFC 9457 problem details for bad input.
 */
package io.movierecs.index.search;
