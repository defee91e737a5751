package io.movierecs.index.vectors;

import io.movierecs.faiss.FaissIndex;
import io.movierecs.faiss.Metric;
import java.util.Objects;

/**
 * Faiss indexes with inner product (cosine on the normalised MiniLM vectors): {@code IDMap,Flat} exact,
 * {@code IVF<nlist>,SQfp16} (or {@code ,Flat}, see {@link VectorEncoding}) trained.
 */
public final class FaissVectorIndexFactory implements VectorIndexFactory {

    public static final String EXACT = "IDMap,Flat";

    private final VectorEncoding encoding;

    /** Trains indexes with the given encoding of the inverted lists. */
    public FaissVectorIndexFactory(VectorEncoding encoding) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
    }

    @Override
    public VectorIndex exact(int dimension) {
        return new FaissVectorIndex(FaissIndex.create(EXACT, Metric.INNER_PRODUCT, dimension), EXACT, 0);
    }

    @Override
    public VectorIndex trainIvf(int dimension, int nlist, int defaultNprobe, float[] training, int n) {
        String factory = encoding.ivfFactory(nlist);
        FaissIndex index = FaissIndex.create(factory, Metric.INNER_PRODUCT, dimension);
        try {
            index.train(training, n);
            return new FaissVectorIndex(index, factory, defaultNprobe);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    @Override
    public VectorIndex deserialize(byte[] bytes, int defaultNprobe) {
        FaissIndex index = FaissIndex.deserialize(bytes);
        if (index.metric() != Metric.INNER_PRODUCT) {
            index.close();
            throw new IllegalArgumentException("a snapshot index must use inner product, not " + index.metric());
        }
        long nlist = index.nlist();
        String factory = nlist == 0 ? EXACT : VectorEncoding.ivfFactory(nlist, index.codeSize(), index.dimension());
        return new FaissVectorIndex(index, factory, defaultNprobe);
    }
}
