package io.movierecs.faiss;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Arguments of the wrong shape are rejected in Java, before any native call. */
class FaissIndexArgumentsTest {

    private static final int DIM = 8;

    private FaissIndex index;

    @BeforeEach
    void createIndex() {
        index = FaissIndex.create("Flat", Metric.L2, DIM);
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void createRejectsBadShapes() {
        assertThatThrownBy(() -> FaissIndex.create("Flat", Metric.L2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
        assertThatThrownBy(() -> FaissIndex.create(" ", Metric.L2, DIM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factory");
        assertThatNullPointerException().isThrownBy(() -> FaissIndex.create(null, Metric.L2, DIM));
        assertThatNullPointerException().isThrownBy(() -> FaissIndex.create("Flat", null, DIM));
    }

    @Test
    void trainRejectsWrongVectorLength() {
        assertThatThrownBy(() -> index.train(new float[DIM * 3 - 1], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 3 x 8 = 24 floats of vectors, got 23");
        assertThatThrownBy(() -> index.train(new float[0], -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addRejectsVectorsNotMatchingIds() {
        assertThatThrownBy(() -> index.addWithIds(new float[DIM * 2], new long[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 3 x 8 = 24 floats");
        assertThatNullPointerException().isThrownBy(() -> index.addWithIds(null, new long[0]));
        assertThatNullPointerException().isThrownBy(() -> index.addWithIds(new float[0], null));
    }

    @Test
    void searchRejectsBadShapes() {
        assertThatThrownBy(() -> index.search(new float[DIM + 1], 1, 5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queries");
        assertThatThrownBy(() -> index.search(new float[DIM], 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be positive");
        assertThatThrownBy(() -> index.search(new float[DIM], 1, Integer.MAX_VALUE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit");
    }

    @Test
    void deserializeRejectsEmptyBytes() {
        assertThatThrownBy(() -> FaissIndex.deserialize(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatNullPointerException().isThrownBy(() -> FaissIndex.deserialize(null));
    }

    @Test
    void nativeSideChecksShapesToo() {
        // The facade never sends these; the shim must still refuse them rather than read past an array.
        NativeLibrary.ensureLoaded();
        long handle = FaissNative.create("Flat", Metric.L2.code(), DIM);
        try {
            assertThatThrownBy(() -> FaissNative.addWithIds(handle, new float[DIM], new long[2]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one vector per id");
            assertThatThrownBy(() -> FaissNative.search(handle, new float[DIM], 1, 3, 0, new float[2], new long[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nq * k");
            assertThatThrownBy(() -> FaissNative.train(handle, null, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be null");
            assertThatThrownBy(() -> FaissNative.ntotal(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handle is null");
            assertThatThrownBy(() -> FaissNative.create("Flat", 42, DIM))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metric");
        } finally {
            FaissNative.free(handle);
        }
    }
}
