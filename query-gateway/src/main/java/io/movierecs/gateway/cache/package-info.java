/**
 * Answers cached per index generation: an entry is served only while the index is at the generation it was
 * computed for and the generation was confirmed within the freshness budget, so a cache never hides an edit.
 */
package io.movierecs.gateway.cache;
