package io.movierecs.embedding;

/**
 * How the token embeddings of one text become one vector. all-MiniLM-L6-v2 was trained with
 * {@link #MEAN}; the others exist for models trained otherwise and for experiments.
 *
 * <p>Every strategy reads one row of a {@code [batch, tokens, dim]} tensor flattened row-major and
 * honours the attention mask, so padding added for a batch never changes a text's vector.
 */
public enum Pooling {
    /** Average of the token embeddings under the attention mask (sentence-transformers default). */
    MEAN {
        @Override
        float[] pool(float[] hidden, int row, int tokens, int dim, long[] mask) {
            double[] sum = new double[dim];
            long count = 0;
            for (int t = 0; t < tokens; t++) {
                if (mask[row * tokens + t] == 0) {
                    continue;
                }
                int base = (row * tokens + t) * dim;
                for (int d = 0; d < dim; d++) {
                    sum[d] += hidden[base + d];
                }
                count++;
            }
            // sentence-transformers clamps the token count at 1e-9: an all-padding row stays zero
            double denominator = Math.max(count, 1e-9);
            float[] pooled = new float[dim];
            for (int d = 0; d < dim; d++) {
                pooled[d] = (float) (sum[d] / denominator);
            }
            return pooled;
        }
    },

    /** The embedding of the first token ({@code [CLS]}). */
    CLS {
        @Override
        float[] pool(float[] hidden, int row, int tokens, int dim, long[] mask) {
            float[] pooled = new float[dim];
            System.arraycopy(hidden, row * tokens * dim, pooled, 0, dim);
            return pooled;
        }
    },

    /** Element-wise maximum over the unmasked tokens. */
    MAX {
        @Override
        float[] pool(float[] hidden, int row, int tokens, int dim, long[] mask) {
            float[] pooled = new float[dim];
            java.util.Arrays.fill(pooled, Float.NEGATIVE_INFINITY);
            boolean any = false;
            for (int t = 0; t < tokens; t++) {
                if (mask[row * tokens + t] == 0) {
                    continue;
                }
                any = true;
                int base = (row * tokens + t) * dim;
                for (int d = 0; d < dim; d++) {
                    pooled[d] = Math.max(pooled[d], hidden[base + d]);
                }
            }
            return any ? pooled : new float[dim];
        }
    };

    /**
     * Pools one text of a batch.
     *
     * @param hidden token embeddings {@code [batch, tokens, dim]}, flattened row-major
     * @param row index of the text in the batch
     * @param tokens padded sequence length of the batch
     * @param dim embedding width
     * @param mask attention mask {@code [batch, tokens]}, flattened row-major (1 = real token)
     * @return a new array of {@code dim} values
     */
    abstract float[] pool(float[] hidden, int row, int tokens, int dim, long[] mask);
}
