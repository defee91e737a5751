package io.movierecs.embedding;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link MiniLmEncoder}, validated on construction. {@link #defaults()} reproduces
 * sentence-transformers' all-MiniLM-L6-v2.
 *
 * @param variant which ONNX export to run; default {@link ModelVariant#FP32}
 * @param maxTokens truncation length in tokens, [CLS] and [SEP] included; default
 *     {@value #DEFAULT_MAX_TOKENS} (sentence-transformers' {@code max_seq_length}; the tokenizer json
 *     in the model jar says 128, which is overridden); at most {@value #MODEL_MAX_TOKENS}
 * @param pooling how token embeddings become one vector; default {@link Pooling#MEAN}
 * @param maxBatchSize texts per model call inside {@link MiniLmEncoder#embedBatch}; longer lists are
 *     split; default {@value #DEFAULT_MAX_BATCH_SIZE}
 * @param intraOpThreads threads ONNX Runtime uses inside one model call; default 0, ONNX Runtime's
 *     own choice (one per physical core). Set 1 when several threads embed at once, so they do not
 *     compete for the cores
 * @param engineCacheDir writable folder where DJL extracts its native libraries, used only when
 *     {@code ENGINE_CACHE_DIR} is not set in the environment or as a property; default
 *     {@code ${java.io.tmpdir}/movie-recs-djl}
 * @param spinning whether ONNX Runtime's pool threads busy-wait for work between operators
 *     ({@code session.intra_op.allow_spinning}); default false: spinning threads burn CPU that the
 *     caller's own work (Kafka, tokenising) needs when cores are few, and gain little
 */
public record EncoderOptions(
        ModelVariant variant,
        int maxTokens,
        Pooling pooling,
        int maxBatchSize,
        int intraOpThreads,
        Path engineCacheDir,
        boolean spinning) {

    /** Default truncation length, sentence-transformers' {@code max_seq_length} for this model. */
    public static final int DEFAULT_MAX_TOKENS = 256;
    /** BERT position embeddings end here. */
    public static final int MODEL_MAX_TOKENS = 512;
    /**
     * Default number of texts per model call: on 2 cores, movie strings ran fastest at 16 per call
     * (~280/s) and slower at 64 (~200/s), see the module README.
     */
    public static final int DEFAULT_MAX_BATCH_SIZE = 16;

    /** Options without spinning ONNX Runtime threads (the default). */
    public EncoderOptions(ModelVariant variant, int maxTokens, Pooling pooling, int maxBatchSize,
            int intraOpThreads, Path engineCacheDir) {
        this(variant, maxTokens, pooling, maxBatchSize, intraOpThreads, engineCacheDir, false);
    }

    /** Validates every field. */
    public EncoderOptions {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(engineCacheDir, "engineCacheDir");
        if (maxTokens < 2 || maxTokens > MODEL_MAX_TOKENS) {
            throw new IllegalArgumentException(
                    "maxTokens must be in [2, " + MODEL_MAX_TOKENS + "], was " + maxTokens);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException(
                    "intraOpThreads must be 0 (ONNX Runtime default) or more, was " + intraOpThreads);
        }
    }

    /**
     * Returns the defaults: fp32, 256 tokens, mean pooling, batches of 16, ONNX Runtime's thread
     * count, DJL cache under the temp dir, no thread spinning.
     *
     * @return default options
     */
    public static EncoderOptions defaults() {
        return new EncoderOptions(ModelVariant.FP32, DEFAULT_MAX_TOKENS, Pooling.MEAN,
                DEFAULT_MAX_BATCH_SIZE, 0, Path.of(System.getProperty("java.io.tmpdir"), "movie-recs-djl"));
    }

    /**
     * Returns a copy running another model variant.
     *
     * @param newVariant the variant
     * @return new options
     */
    public EncoderOptions withVariant(ModelVariant newVariant) {
        return new EncoderOptions(newVariant, maxTokens, pooling, maxBatchSize, intraOpThreads,
                engineCacheDir, spinning);
    }

    /**
     * Returns a copy with another batch limit.
     *
     * @param newMaxBatchSize texts per model call
     * @return new options
     */
    public EncoderOptions withMaxBatchSize(int newMaxBatchSize) {
        return new EncoderOptions(variant, maxTokens, pooling, newMaxBatchSize, intraOpThreads,
                engineCacheDir, spinning);
    }

    /**
     * Returns a copy with another ONNX Runtime intra-op thread count.
     *
     * @param newIntraOpThreads threads per model call, 0 for ONNX Runtime's default
     * @return new options
     */
    public EncoderOptions withIntraOpThreads(int newIntraOpThreads) {
        return new EncoderOptions(variant, maxTokens, pooling, maxBatchSize, newIntraOpThreads,
                engineCacheDir, spinning);
    }

    /**
     * Returns a copy with ONNX Runtime's thread spinning on or off.
     *
     * @param newSpinning true to let pool threads busy-wait between operators
     * @return new options
     */
    public EncoderOptions withSpinning(boolean newSpinning) {
        return new EncoderOptions(variant, maxTokens, pooling, maxBatchSize, intraOpThreads, engineCacheDir,
                newSpinning);
    }
}
