/**
 * The index state for the gateway and operators, and the admin endpoints (force a snapshot, force a retrain),
 * which need the configured token in a header and answer 404 when no token is configured.
 */
package io.movierecs.index.admin;
