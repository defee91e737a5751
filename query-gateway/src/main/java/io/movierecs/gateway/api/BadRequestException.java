package io.movierecs.gateway.api;

/** Client input the API refuses: a 400 problem naming what is wrong. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
