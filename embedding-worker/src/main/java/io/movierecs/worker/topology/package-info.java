/**
 * The worker's Kafka Streams topology, built by {@link io.movierecs.worker.topology.WorkerTopology#build} so
 * that tests run it unchanged through TopologyTestDriver.
 */
package io.movierecs.worker.topology;
