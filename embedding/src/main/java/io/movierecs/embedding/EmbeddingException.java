package io.movierecs.embedding;

/** The encoder could not load its model or could not embed a text; the cause says why. */
public class EmbeddingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed
     * @param cause the underlying DJL, ONNX Runtime or I/O failure
     */
    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
