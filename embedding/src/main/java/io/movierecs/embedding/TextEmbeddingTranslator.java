package io.movierecs.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Text to sentence embedding for BERT-style ONNX encoders, as sentence-transformers does it.
 *
 * <p>Input side: the Hugging Face tokenizer truncates each text and pads a batch to its longest
 * text; the ids, attention mask and (if the graph takes them) token type ids go in as named
 * {@code [batch, tokens]} int64 tensors. Output side: the {@code [batch, tokens, dim]} token
 * embeddings are pooled under the attention mask ({@link Pooling}) and scaled to unit length.
 *
 * <p>Single texts take the same path as a batch of one, so {@code predict} and {@code batchPredict}
 * agree. Stateless apart from the tokenizer, which is only read: one instance may serve every
 * {@link ai.djl.inference.Predictor} of a model.
 */
public final class TextEmbeddingTranslator implements Translator<String, float[]> {

    /** Graph input: token ids. */
    public static final String INPUT_IDS = "input_ids";
    /** Graph input: 1 for a real token, 0 for padding. */
    public static final String ATTENTION_MASK = "attention_mask";
    /** Graph input: segment ids, all 0 for a single sentence. */
    public static final String TOKEN_TYPE_IDS = "token_type_ids";
    /** Graph output holding the token embeddings, in Hugging Face exports. */
    static final String TOKEN_EMBEDDINGS = "last_hidden_state";

    private static final String MASK_ATTACHMENT = "attentionMask";

    private final HuggingFaceTokenizer tokenizer;
    private final Pooling pooling;
    private final List<String> inputNames;

    /**
     * Creates a translator.
     *
     * @param tokenizer configured tokenizer (truncation and batch padding already set)
     * @param pooling pooling strategy
     * @param inputNames the graph's input names, in any order; each one of {@link #INPUT_IDS},
     *     {@link #ATTENTION_MASK}, {@link #TOKEN_TYPE_IDS}
     */
    public TextEmbeddingTranslator(
            HuggingFaceTokenizer tokenizer, Pooling pooling, List<String> inputNames) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        this.inputNames = List.copyOf(inputNames);
        for (String name : this.inputNames) {
            if (!List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(name)) {
                throw new IllegalArgumentException("unsupported model input '" + name + "'");
            }
        }
        if (!this.inputNames.contains(INPUT_IDS)) {
            throw new IllegalArgumentException("model has no '" + INPUT_IDS + "' input: " + inputNames);
        }
    }

    @Override
    public NDList processInput(TranslatorContext ctx, String text) {
        return batchProcessInput(ctx, List.of(text));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList output) {
        return batchProcessOutput(ctx, output).get(0);
    }

    @Override
    public NDList batchProcessInput(TranslatorContext ctx, List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int tokens = encodings[0].getIds().length;
        long[] ids = new long[batch * tokens];
        long[] mask = new long[batch * tokens];
        long[] typeIds = new long[batch * tokens];
        for (int row = 0; row < batch; row++) {
            Encoding encoding = encodings[row];
            System.arraycopy(encoding.getIds(), 0, ids, row * tokens, tokens);
            System.arraycopy(encoding.getAttentionMask(), 0, mask, row * tokens, tokens);
            System.arraycopy(encoding.getTypeIds(), 0, typeIds, row * tokens, tokens);
        }
        ctx.setAttachment(MASK_ATTACHMENT, mask);

        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(batch, tokens);
        NDList inputs = new NDList(inputNames.size());
        for (String name : inputNames) {
            long[] data = switch (name) {
                case INPUT_IDS -> ids;
                case ATTENTION_MASK -> mask;
                default -> typeIds;
            };
            NDArray array = manager.create(data, shape);
            array.setName(name);
            inputs.add(array);
        }
        return inputs;
    }

    @Override
    public List<float[]> batchProcessOutput(TranslatorContext ctx, NDList output) {
        NDArray hidden = tokenEmbeddings(output);
        Shape shape = hidden.getShape();
        int batch = Math.toIntExact(shape.get(0));
        int tokens = Math.toIntExact(shape.get(1));
        int dim = Math.toIntExact(shape.get(2));
        float[] values = hidden.toFloatArray();
        long[] mask = (long[]) ctx.getAttachment(MASK_ATTACHMENT);

        List<float[]> vectors = new ArrayList<>(batch);
        for (int row = 0; row < batch; row++) {
            vectors.add(Vectors.l2NormalizeInPlace(pooling.pool(values, row, tokens, dim, mask)));
        }
        return vectors;
    }

    private static NDArray tokenEmbeddings(NDList output) {
        NDArray named = output.get(TOKEN_EMBEDDINGS);
        if (named != null) {
            return named;
        }
        return output.stream()
                .filter(array -> array.getShape().dimension() == 3)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "model output has no [batch, tokens, dim] tensor: " + output.getShapes()));
    }
}
