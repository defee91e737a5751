package io.movierecs.worker.topology;

import io.movierecs.embedding.EmbeddingException;
import io.movierecs.worker.document.MovieText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An embedder without the model, for tests of the worker's own logic: a text's vector is derived from its hash.
 * It can fail the next {@code n} calls like ONNX Runtime would ({@link EmbeddingException}), refuse texts like
 * the encoder refuses blank ones ({@link IllegalArgumentException}), or fail on some texts only.
 */
final class FakeEmbedder implements Embedder {

    final List<List<String>> calls = new ArrayList<>();
    private int failNext;
    private Predicate<String> refused = text -> false;
    private Predicate<String> failsAlone = text -> false;

    /** The next {@code n} calls fail whatever the texts (the model is broken for a while). */
    FakeEmbedder failNext(int n) {
        failNext = n;
        return this;
    }

    /** Texts the encoder refuses outright. */
    FakeEmbedder refuse(Predicate<String> texts) {
        refused = texts;
        return this;
    }

    /** Texts that make the model fail (not a refusal) while other texts embed fine. */
    FakeEmbedder failOn(Predicate<String> texts) {
        failsAlone = texts;
        return this;
    }

    @Override
    public String modelId() {
        return "fake/1";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        calls.add(List.copyOf(texts));
        if (failNext > 0) {
            failNext--;
            throw new EmbeddingException("cannot embed " + texts.size() + " text(s)", new IllegalStateException(
                    "ONNX Runtime: out of memory"));
        }
        if (texts.stream().anyMatch(refused)) {
            throw new IllegalArgumentException("text is blank: the encoder needs non-blank text");
        }
        if (texts.stream().anyMatch(failsAlone)) {
            throw new EmbeddingException("cannot embed " + texts.size() + " text(s)", null);
        }
        return texts.stream().map(FakeEmbedder::vector).toList();
    }

    static float[] vector(String text) {
        byte[] hash = MovieText.sha256(text).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        float[] vector = new float[8];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = hash[i] / 128f;
        }
        return vector;
    }
}
