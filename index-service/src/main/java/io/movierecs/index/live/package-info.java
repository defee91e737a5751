/**
 * The live index: applies changes from the topic to the movie store and the vector index under one lock,
 * serves the searches, and replaces the exact index by a trained IVF one (and retrains it after growth) in
 * the background, replaying what arrived meanwhile before an atomic swap.
 */
package io.movierecs.index.live;
