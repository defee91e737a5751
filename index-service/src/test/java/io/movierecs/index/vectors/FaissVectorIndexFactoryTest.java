package io.movierecs.index.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.index.support.ClusteredVectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The encoding of a trained index, and how a snapshot index names itself when read back (real Faiss). */
class FaissVectorIndexFactoryTest {

    private static final int DIM = 64;
    private static final int N = 2000;

    private final float[] vectors = new ClusteredVectors(DIM, 20, 5L).next(N);

    @Test
    void trainsHalfPrecisionListsAndReadsThemBackUnderTheSameName() {
        FaissVectorIndexFactory fp16 = new FaissVectorIndexFactory(VectorEncoding.FP16);
        try (VectorIndex index = fp16.trainIvf(DIM, 16, 16, vectors, N)) {
            index.upsert(ids(), vectors);
            assertThat(index.layout().factory()).isEqualTo("IVF16,SQfp16");
            try (VectorIndex copy = fp16.deserialize(index.serialize(), 16)) {
                assertThat(copy.layout().factory()).isEqualTo("IVF16,SQfp16");
                assertThat(copy.search(Arrays.copyOf(vectors, DIM), 1, 16).ids()[0]).isEqualTo(0L);
            }
        }
    }

    @Test
    void aSnapshotOfFullFloatListsKeepsItsNameWhateverTheConfiguredEncoding() {
        try (VectorIndex index = new FaissVectorIndexFactory(VectorEncoding.FP32).trainIvf(DIM, 16, 16, vectors, N)) {
            index.upsert(ids(), vectors);
            try (VectorIndex copy = new FaissVectorIndexFactory(VectorEncoding.FP16).deserialize(index.serialize(), 16)) {
                assertThat(copy.layout().factory()).isEqualTo("IVF16,Flat");
                assertThat(copy.size()).isEqualTo(N);
            }
        }
    }

    private static long[] ids() {
        long[] ids = new long[N];
        for (int i = 0; i < N; i++) {
            ids[i] = i;
        }
        return ids;
    }
}
