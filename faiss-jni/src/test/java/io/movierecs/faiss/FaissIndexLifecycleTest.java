package io.movierecs.faiss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class FaissIndexLifecycleTest {

    private static final int DIM = 4;

    @Test
    void everyCallAfterCloseIsAnException() {
        FaissIndex index = FaissIndex.create("IVF2,Flat", Metric.L2, DIM);
        index.close();
        assertThat(index.isClosed()).isTrue();
        float[] vector = new float[DIM];
        List<ThrowingCallable> calls = List.of(
                () -> index.train(vector, 1),
                index::isTrained,
                () -> index.addWithIds(vector, new long[] {1}),
                () -> index.removeIds(1),
                () -> index.search(vector, 1, 1, 1),
                index::ntotal,
                index::nlist,
                index::codeSize,
                index::serialize);
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessage("FaissIndex is closed");
        }
        assertThat(index.dimension()).isEqualTo(DIM); // immutable facts stay readable
        assertThat(index.metric()).isEqualTo(Metric.L2);
    }

    @Test
    void closeTwiceIsFine() {
        FaissIndex index = FaissIndex.create("Flat", Metric.INNER_PRODUCT, DIM);
        index.addWithIds(new float[DIM], new long[] {1});
        index.close();
        index.close();
        assertThat(index.isClosed()).isTrue();
    }

    @Test
    void reportsWhatItIs() {
        try (FaissIndex ivf = FaissIndex.create("IVF2,Flat", Metric.INNER_PRODUCT, DIM);
                FaissIndex flat = FaissIndex.create("Flat", Metric.L2, DIM)) {
            assertThat(ivf.dimension()).isEqualTo(DIM);
            assertThat(ivf.metric()).isEqualTo(Metric.INNER_PRODUCT);
            assertThat(ivf.nlist()).isEqualTo(2);
            assertThat(ivf.isTrained()).isFalse();
            assertThat(flat.nlist()).isZero();
            assertThat(flat.isTrained()).isTrue();
            assertThat(ivf.codeSize()).isEqualTo(4L * DIM);
            assertThat(flat.codeSize()).isZero();
            assertThat(flat.isClosed()).isFalse();
        }
        assertThat(FaissIndex.faissVersion()).isEqualTo("1.7.3");
    }
}
