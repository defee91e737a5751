package io.movierecs.worker.topology;

import java.util.List;

/** Turns texts into L2-normalised vectors; thread-safe. */
public interface Embedder {

    /** The model's id, written into each vector event, e.g. {@code all-MiniLM-L6-v2/onnx-fp32}. */
    String modelId();

    /** One vector per text, in order. */
    List<float[]> embed(List<String> texts);
}
