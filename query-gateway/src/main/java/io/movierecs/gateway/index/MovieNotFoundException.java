package io.movierecs.gateway.index;

/** The index holds no movie with this id (or title): a 404. */
public class MovieNotFoundException extends RuntimeException {

    public MovieNotFoundException(String message) {
        super(message);
    }
}
