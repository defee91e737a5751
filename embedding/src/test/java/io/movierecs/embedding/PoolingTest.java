package io.movierecs.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pooling on hand-made tensors: masked (padding) tokens never count. */
class PoolingTest {

    // batch 2, 3 tokens, dim 2; row 1 has one padding token whose values would change every result
    private static final float[] HIDDEN = {
        1, 2, 3, 4, 5, 6,
        2, 0, 4, -2, 100, 100,
    };
    private static final long[] MASK = {1, 1, 1, 1, 1, 0};

    @Test
    void meanAveragesUnmaskedTokens() {
        assertThat(Pooling.MEAN.pool(HIDDEN, 0, 3, 2, MASK)).containsExactly(3f, 4f);
        assertThat(Pooling.MEAN.pool(HIDDEN, 1, 3, 2, MASK)).containsExactly(3f, -1f);
    }

    @Test
    void clsTakesTheFirstToken() {
        assertThat(Pooling.CLS.pool(HIDDEN, 1, 3, 2, MASK)).containsExactly(2f, 0f);
    }

    @Test
    void maxIgnoresPadding() {
        assertThat(Pooling.MAX.pool(HIDDEN, 1, 3, 2, MASK)).containsExactly(4f, 0f);
    }

    @Test
    void allPaddingRowPoolsToZero() {
        long[] none = {0, 0, 0, 0, 0, 0};
        assertThat(Pooling.MEAN.pool(HIDDEN, 0, 3, 2, none)).containsExactly(0f, 0f);
        assertThat(Pooling.MAX.pool(HIDDEN, 0, 3, 2, none)).containsExactly(0f, 0f);
    }

    @Test
    void normalisedVectorHasUnitLength() {
        float[] vector = Vectors.l2NormalizeInPlace(new float[] {3, 4});
        assertThat(vector).containsExactly(0.6f, 0.8f);
        assertThat(Vectors.l2NormalizeInPlace(new float[] {0, 0})).containsExactly(0f, 0f);
    }
}
