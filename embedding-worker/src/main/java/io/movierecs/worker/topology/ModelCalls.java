package io.movierecs.worker.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls the model for a batch and tells, for each text that could not be embedded, whose fault it was:
 * <ul>
 *   <li>{@link Failure#REJECTED}: the encoder refused the input ({@link IllegalArgumentException}: null or blank
 *   text) — a dead letter at once;</li>
 *   <li>{@link Failure#ALONE}: the text failed on its own while the model embedded other texts (the rest of its
 *   batch, or a probe text) — the text is suspect; a dead letter once this repeats;</li>
 *   <li>{@link Failure#TRANSIENT}: the model embeds nothing right now (ONNX Runtime error, out of memory, ...) —
 *   the movie stays pending and is retried.</li>
 * </ul>
 * A failed batch is retried one text at a time to find the failing texts.
 */
final class ModelCalls {

    /** Embedded only when every text of a batch failed alone, to tell a broken model from broken texts. */
    static final String PROBE = "The model answers.";

    enum Failure { REJECTED, ALONE, TRANSIENT }

    /** A vector, or the error and whose fault it was. */
    record Result(float[] vector, Throwable error, Failure failure) {
        boolean ok() {
            return vector != null;
        }
    }

    private final Embedder embedder;

    ModelCalls(Embedder embedder) {
        this.embedder = embedder;
    }

    List<Result> embed(List<String> texts) {
        try {
            return embedder.embed(texts).stream().map(vector -> new Result(vector, null, null)).toList();
        } catch (RuntimeException | OutOfMemoryError batchFailure) {
            return texts.size() == 1 ? classify(List.of(batchFailure), false) : oneByOne(texts);
        }
    }

    private List<Result> oneByOne(List<String> texts) {
        List<Throwable> errors = new ArrayList<>(texts.size());
        List<float[]> vectors = new ArrayList<>(texts.size());
        boolean anyEmbedded = false;
        for (String text : texts) {
            try {
                vectors.add(embedder.embed(List.of(text)).get(0));
                errors.add(null);
                anyEmbedded = true;
            } catch (RuntimeException | OutOfMemoryError e) {
                vectors.add(null);
                errors.add(e);
            }
        }
        List<Result> classified = classify(errors, anyEmbedded);
        List<Result> results = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            results.add(vectors.get(i) != null ? new Result(vectors.get(i), null, null) : classified.get(i));
        }
        return results;
    }

    /** Results for failed texts (null errors stay null); the probe runs only when nothing else was embedded. */
    private List<Result> classify(List<Throwable> errors, boolean anyEmbedded) {
        boolean modelWorks = anyEmbedded || probe();
        List<Result> results = new ArrayList<>(errors.size());
        for (Throwable error : errors) {
            if (error == null) {
                results.add(null);
            } else if (error instanceof IllegalArgumentException) {
                results.add(new Result(null, error, Failure.REJECTED));
            } else {
                results.add(new Result(null, error, modelWorks ? Failure.ALONE : Failure.TRANSIENT));
            }
        }
        return results;
    }

    private boolean probe() {
        try {
            embedder.embed(List.of(PROBE));
            return true;
        } catch (RuntimeException | OutOfMemoryError e) {
            return false;
        }
    }
}
