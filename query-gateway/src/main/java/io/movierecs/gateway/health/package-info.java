/**
 * Honest health: readiness ({@code progress}) follows whether an index-service replica has been in rotation
 * recently, liveness ({@code indexWatches}) only whether the replica watches still run; the pipeline gauges and one
 * gauge per replica for the rotation.
 */
package io.movierecs.gateway.health;
