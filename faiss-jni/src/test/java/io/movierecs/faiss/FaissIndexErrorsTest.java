package io.movierecs.faiss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What Faiss itself rejects arrives as a FaissException carrying Faiss's own message. */
class FaissIndexErrorsTest {

    private static final int DIM = 16;

    @Test
    void addBeforeTrainOnIvf() {
        try (FaissIndex index = FaissIndex.create("IVF16,Flat", Metric.INNER_PRODUCT, DIM)) {
            assertThat(index.isTrained()).isFalse();
            assertThatThrownBy(() -> index.addWithIds(TestVectors.randomNormalized(4, DIM, 1), TestVectors.ids(0, 4)))
                    .isInstanceOf(FaissException.class)
                    .hasMessageContaining("Error: 'is_trained' failed");
            assertThat(index.ntotal()).isZero();
        }
    }

    @Test
    void tooFewTrainingPoints() {
        try (FaissIndex index = FaissIndex.create("IVF16,Flat", Metric.INNER_PRODUCT, DIM)) {
            assertThatThrownBy(() -> index.train(TestVectors.randomNormalized(5, DIM, 2), 5))
                    .isInstanceOf(FaissException.class)
                    .hasMessageContaining("should be at least as large as number of clusters");
            assertThat(index.isTrained()).isFalse();
        }
    }

    @Test
    void badFactoryString() {
        assertThatThrownBy(() -> FaissIndex.create("Nonsense", Metric.L2, DIM))
                .isInstanceOf(FaissException.class)
                .hasMessageContaining("could not parse index string Nonsense");
        assertThatThrownBy(() -> FaissIndex.create("IVF16,Nonsense", Metric.L2, DIM))
                .isInstanceOf(FaissException.class)
                .hasMessageContaining("could not parse code description Nonsense");
    }

    @Test
    void truncatedBytes() {
        byte[] bytes;
        try (FaissIndex index = FaissIndex.create("Flat", Metric.L2, DIM)) {
            index.addWithIds(TestVectors.randomNormalized(10, DIM, 3), TestVectors.ids(0, 10));
            bytes = index.serialize();
        }
        for (int length : new int[] {1, 4, bytes.length / 2, bytes.length - 1}) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> FaissIndex.deserialize(truncated))
                    .as("%d of %d bytes", length, bytes.length)
                    .isInstanceOf(FaissException.class)
                    .hasMessageContaining("read error");
        }
    }

    @Test
    void bytesThatAreNoIndex() {
        assertThatThrownBy(() -> FaissIndex.deserialize("definitely not an index".getBytes()))
                .isInstanceOf(FaissException.class)
                .hasMessageContaining("Index type");
    }

    @Test
    void removeOnAnIndexThatCannotRemove() {
        try (FaissIndex index = FaissIndex.create("HNSW16", Metric.L2, DIM)) {
            index.addWithIds(TestVectors.randomNormalized(10, DIM, 4), TestVectors.ids(0, 10));
            assertThatThrownBy(() -> index.removeIds(1))
                    .isInstanceOf(FaissException.class)
                    .hasMessageContaining("remove_ids not implemented for this type of index");
        }
    }
}
