/**
 * The service's meters (Micrometer, exported for Prometheus) and its health indicator.
 */
package io.movierecs.index.metrics;
