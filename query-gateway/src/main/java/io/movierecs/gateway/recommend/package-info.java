/**
 * What the API answers: similar movies with reasons, title resolution, free-text search through the encoder,
 * recommendations from a taste (liked minus disliked), all through the index client and the answer cache.
 */
package io.movierecs.gateway.recommend;
