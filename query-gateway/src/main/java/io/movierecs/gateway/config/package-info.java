/** The gateway's settings ({@code query-gateway.*}) and the beans built from them. */
package io.movierecs.gateway.config;
