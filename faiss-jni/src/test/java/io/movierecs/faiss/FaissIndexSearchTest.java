package io.movierecs.faiss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaissIndexSearchTest {

    private static final int DIM = 32;
    private static final int N = 3000;
    private static final int K = 10;

    private final float[] data = TestVectors.randomNormalized(N, DIM, 42);
    private final long[] ids = TestVectors.ids(1_000_000, N);
    private final float[] queries = TestVectors.randomNormalized(50, DIM, 43);
    private final long[][] exact = TestVectors.exactInnerProduct(data, ids, queries, DIM, K);

    @ParameterizedTest
    @ValueSource(strings = {"Flat", "IDMap,Flat"})
    void flatIsExactAndFindsStoredVectorsUnderTheirIds(String factory) {
        try (FaissIndex index = FaissIndex.create(factory, Metric.INNER_PRODUCT, DIM)) {
            index.addWithIds(data, ids);
            assertThat(index.ntotal()).isEqualTo(N);
            assertThat(TestVectors.recall(index.search(queries, 50, K, 0), exact)).isEqualTo(1.0);

            SearchResult self = index.search(TestVectors.row(data, DIM, 7), 1, 3, 0);
            assertThat(self.id(0, 0)).isEqualTo(ids[7]);
            assertThat(self.score(0, 0)).isCloseTo(1.0f, within(1e-5f)); // cosine of a unit vector with itself
        }
    }

    @Test
    void ivfWithAllListsProbedIsExact() {
        try (FaissIndex index = FaissIndex.create("IVF16,Flat", Metric.INNER_PRODUCT, DIM)) {
            index.train(data, N);
            assertThat(index.isTrained()).isTrue();
            index.addWithIds(data, ids);
            assertThat(TestVectors.recall(index.search(queries, 50, K, 16), exact)).isEqualTo(1.0);
            double narrow = TestVectors.recall(index.search(queries, 50, K, 1), exact);
            assertThat(narrow).as("recall at nprobe 1 of 16").isLessThan(0.9);
        }
    }

    @Test
    void ivfWithHalfPrecisionCodesHalvesTheBytesAndKeepsTheAnswers() {
        try (FaissIndex index = FaissIndex.create("IVF16,SQfp16", Metric.INNER_PRODUCT, DIM)) {
            index.train(data, N);
            index.addWithIds(data, ids);
            assertThat(index.codeSize()).isEqualTo(2L * DIM);
            assertThat(TestVectors.recall(index.search(queries, 50, K, 16), exact)).isGreaterThanOrEqualTo(0.99);
            SearchResult self = index.search(TestVectors.row(data, DIM, 7), 1, 1, 16);
            assertThat(self.id(0, 0)).isEqualTo(ids[7]);
            assertThat(self.score(0, 0)).isCloseTo(1.0f, within(1e-3f)); // fp16 keeps ~3 decimal digits
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Flat", "IVF16,Flat", "IVF16,SQfp16"})
    void removedIdsAreNoLongerFound(String factory) {
        try (FaissIndex index = FaissIndex.create(factory, Metric.INNER_PRODUCT, DIM)) {
            index.train(data, N);
            index.addWithIds(data, ids);
            float[] query = TestVectors.row(queries, DIM, 0);
            long[] firstHits = index.search(query, 1, K, 16).idsOf(0);

            assertThat(index.removeIds(firstHits)).isEqualTo(K);
            assertThat(index.removeIds(firstHits)).isZero();
            assertThat(index.removeIds(-5, 42)).isZero();
            assertThat(index.ntotal()).isEqualTo(N - K);
            assertThat(index.search(query, 1, K, 16).idsOf(0)).doesNotContain(firstHits);
        }
    }

    @Test
    void missingNeighboursAreMinusOne() {
        try (FaissIndex index = FaissIndex.create("Flat", Metric.L2, DIM)) {
            index.addWithIds(TestVectors.row(data, DIM, 0), new long[] {5});
            SearchResult result = index.search(TestVectors.row(data, DIM, 0), 1, 3, 0);
            assertThat(result.ids()).containsExactly(5, SearchResult.MISSING, SearchResult.MISSING);
            assertThat(result.score(0, 0)).isCloseTo(0f, within(1e-6f)); // squared L2 to itself
            assertThat(result.idsOf(0)).containsExactly(5);
        }
    }

    @Test
    void emptyIvfFindsNothing() {
        try (FaissIndex index = FaissIndex.create("IVF16,Flat", Metric.INNER_PRODUCT, DIM)) {
            index.train(data, N);
            float[] twoQueries = java.util.Arrays.copyOf(queries, 2 * DIM);
            assertThat(index.search(twoQueries, 2, 4, 4).ids()).containsOnly(SearchResult.MISSING);
        }
    }

    /** Documents Faiss's semantics: add is not an upsert. The index-service must remove before it re-adds. */
    @ParameterizedTest
    @ValueSource(strings = {"Flat", "IVF16,Flat"})
    void addingAnExistingIdKeepsBothCopies(String factory) {
        try (FaissIndex index = FaissIndex.create(factory, Metric.INNER_PRODUCT, DIM)) {
            index.train(data, N);
            float[] first = TestVectors.row(data, DIM, 0);
            float[] second = TestVectors.row(data, DIM, 1);
            index.addWithIds(first, new long[] {77});
            index.addWithIds(second, new long[] {77});
            assertThat(index.ntotal()).isEqualTo(2);
            assertThat(index.search(first, 1, 2, 16).ids()).containsExactly(77, 77);

            assertThat(index.removeIds(77)).as("both copies go").isEqualTo(2);
            index.addWithIds(second, new long[] {77}); // upsert = remove + add
            assertThat(index.ntotal()).isEqualTo(1);
            assertThat(index.search(second, 1, 1, 16).score(0, 0)).isCloseTo(1.0f, within(1e-5f));
        }
    }

    @Test
    void l2ScoresAreSquaredDistances() {
        try (FaissIndex index = FaissIndex.create("Flat", Metric.L2, 2)) {
            index.addWithIds(new float[] {0, 0, 3, 4}, new long[] {1, 2});
            SearchResult result = index.search(new float[] {0, 0}, 1, 2, 0);
            assertThat(result.ids()).containsExactly(1, 2);
            assertThat(result.scores()).containsExactly(0f, 25f);
        }
    }
}
