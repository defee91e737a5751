package io.movierecs.faiss;

/**
 * A failure inside Faiss or the native library: Faiss's own message (for example an add before training,
 * an unparsable factory string, truncated serialized bytes), or a native library that could not be loaded.
 * Unchecked, like the {@link IllegalArgumentException}s the facade raises for arguments of the wrong shape.
 */
public class FaissException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FaissException(String message) {
        super(message);
    }

    public FaissException(String message, Throwable cause) {
        super(message, cause);
    }
}
