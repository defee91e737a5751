/** The public JSON API under /api/v1: controllers and the checks of their input (each failure a 400). */
package io.movierecs.gateway.api;
