/**
 * Which index-service replicas requests go to: one long-poll watch per replica ({@link
 * io.movierecs.gateway.rotation.ReplicaWatches}) keeps each replica's last state in the {@link
 * io.movierecs.gateway.rotation.Rotation}, which decides who is in rotation (answered within the freshness
 * budget, ready, not behind the highest position for longer than the budget), orders the replicas for each call
 * and gives the answer cache its key (the highest position in rotation).
 */
package io.movierecs.gateway.rotation;
