/** Benchmark commands: each starts the real parts it needs on loopback and prints its figures. */
package io.movierecs.bench;
