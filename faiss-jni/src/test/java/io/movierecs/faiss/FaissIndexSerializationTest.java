package io.movierecs.faiss;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaissIndexSerializationTest {

    private static final int DIM = 24;
    private static final int N = 1000;

    @ParameterizedTest
    @ValueSource(strings = {"Flat", "IDMap,Flat", "IVF8,Flat", "IVF8,SQfp16"})
    void roundTripGivesIdenticalResults(String factory) {
        float[] data = TestVectors.randomNormalized(N, DIM, 7);
        float[] queries = TestVectors.randomNormalized(20, DIM, 8);
        try (FaissIndex original = FaissIndex.create(factory, Metric.INNER_PRODUCT, DIM)) {
            original.train(data, N);
            original.addWithIds(data, TestVectors.ids(500, N));
            original.removeIds(500, 501);
            byte[] bytes = original.serialize();

            try (FaissIndex copy = FaissIndex.deserialize(bytes)) {
                assertThat(copy.ntotal()).isEqualTo(N - 2);
                assertThat(copy.dimension()).isEqualTo(DIM);
                assertThat(copy.metric()).isEqualTo(Metric.INNER_PRODUCT);
                assertThat(copy.nlist()).isEqualTo(original.nlist());
                assertThat(copy.codeSize()).isEqualTo(original.codeSize());
                assertThat(copy.isTrained()).isTrue();
                SearchResult before = original.search(queries, 20, 10, 3);
                SearchResult after = copy.search(queries, 20, 10, 3);
                assertThat(after.ids()).containsExactly(before.ids());
                assertThat(after.scores()).containsExactly(before.scores());
                assertThat(copy.serialize()).as("serializing again gives the same bytes").isEqualTo(bytes);

                copy.addWithIds(TestVectors.row(data, DIM, 0), new long[] {500}); // still takes ids
                assertThat(copy.ntotal()).isEqualTo(N - 1);
            }
        }
    }
}
