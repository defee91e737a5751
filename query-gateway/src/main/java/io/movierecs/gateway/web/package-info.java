/**
 * HTTP concerns around the API: problem+json errors, request ids in logs and headers, API keys, rate
 * limits per key or client, CORS.
 */
package io.movierecs.gateway.web;
