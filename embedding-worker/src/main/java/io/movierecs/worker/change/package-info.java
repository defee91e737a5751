/** Debezium change envelopes read from the catalog topics, whichever connector or Connect cluster wrote them. */
package io.movierecs.worker.change;
