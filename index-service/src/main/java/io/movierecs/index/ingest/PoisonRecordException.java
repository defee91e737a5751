package io.movierecs.index.ingest;

/** A record that cannot be applied as it is: it goes to the dead-letter topic. */
final class PoisonRecordException extends Exception {

    PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }

    PoisonRecordException(String message) {
        super(message);
    }
}
