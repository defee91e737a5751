/** {@code ./movie-recs bench gateway}: wrk against the gateway on the real stack with ml-latest-small. */
package io.movierecs.gateway.bench;
