/** query-gateway: the public API under /api/v1, the web page, and their wiring. */
package io.movierecs.gateway;
