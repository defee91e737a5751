package io.movierecs.gateway.index;

/** No index-service replica answered within the attempts allowed: the API answers 503 with Retry-After. */
public class IndexUnavailableException extends RuntimeException {

    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
