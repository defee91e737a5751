package io.movierecs.worker.change;

/** A record that cannot be processed as it is; it goes to the dead-letter topic with this message. */
public final class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
