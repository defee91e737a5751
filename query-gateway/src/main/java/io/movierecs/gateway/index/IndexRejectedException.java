package io.movierecs.gateway.index;

/** index-service refused a request as bad input (its 400): the client's request was bad, a 400 too. */
public class IndexRejectedException extends RuntimeException {

    public IndexRejectedException(String message) {
        super(message);
    }
}
