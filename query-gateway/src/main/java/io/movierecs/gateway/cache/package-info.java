/**
 * Answers cached per applied position of the index replicas in rotation: an entry is served only while the
 * highest position in rotation is the one it was computed at, and only answers from replicas at that position
 * are stored, so a cache never hides an edit that any replica in rotation has applied.
 */
package io.movierecs.gateway.cache;
