/**
 * The gateway's side of index-service's internal API: the {@link io.movierecs.gateway.index.IndexClient}
 * interface, its HTTP implementation (timeouts, bounded retries across replicas) and the answer shapes.
 */
package io.movierecs.gateway.index;
