/** Integration tests against the real stack: KRaft broker, index-service in-process, MiniLM, the gateway. */
package io.movierecs.gateway.it;
