package io.movierecs.index.support;

import io.movierecs.index.vectors.IndexLayout;
import io.movierecs.index.vectors.Neighbours;
import io.movierecs.index.vectors.VectorIndex;
import io.movierecs.index.vectors.VectorIndexFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A brute-force {@link VectorIndex} in plain Java, so the index logic can be tested without native code.
 * Its "IVF" indexes are exact too (recall 1 at any nprobe).
 */
public final class JavaVectorIndex implements VectorIndex {

    private final Map<Long, float[]> vectors = new ConcurrentHashMap<>();
    private final int dimension;
    private final IndexLayout layout;

    JavaVectorIndex(int dimension, IndexLayout layout) {
        this.dimension = dimension;
        this.layout = layout;
    }

    public static VectorIndexFactory factory() {
        return new VectorIndexFactory() {
            @Override
            public VectorIndex exact(int dimension) {
                return new JavaVectorIndex(dimension, new IndexLayout("IDMap,Flat", 0, 0));
            }

            @Override
            public VectorIndex trainIvf(int dimension, int nlist, int nprobe, float[] training, int n) {
                return new JavaVectorIndex(dimension, new IndexLayout("IVF" + nlist + ",Flat", nlist, nprobe));
            }

            @Override
            public VectorIndex deserialize(byte[] bytes, int nprobe) {
                throw new UnsupportedOperationException("the Java index is not serialized");
            }
        };
    }

    @Override
    public void upsert(long[] ids, float[] laid) {
        for (int i = 0; i < ids.length; i++) {
            vectors.put(ids[i], Arrays.copyOfRange(laid, i * dimension, (i + 1) * dimension));
        }
    }

    @Override
    public void remove(long[] ids) {
        for (long id : ids) {
            vectors.remove(id);
        }
    }

    @Override
    public Neighbours search(float[] query, int k, int nprobe) {
        List<Map.Entry<Long, Float>> scored = new ArrayList<>();
        vectors.forEach((id, v) -> {
            float dot = 0;
            for (int i = 0; i < dimension; i++) {
                dot += v[i] * query[i];
            }
            scored.add(Map.entry(id, dot));
        });
        scored.sort(Map.Entry.<Long, Float>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<Long, Float>> top = scored.subList(0, Math.min(k, scored.size()));
        long[] ids = new long[top.size()];
        float[] scores = new float[top.size()];
        for (int i = 0; i < top.size(); i++) {
            ids[i] = top.get(i).getKey();
            scores[i] = top.get(i).getValue();
        }
        return new Neighbours(ids, scores);
    }

    @Override
    public Neighbours[] searchBatch(float[] queries, int nq, int k, int nprobe) {
        Neighbours[] found = new Neighbours[nq];
        for (int q = 0; q < nq; q++) {
            found[q] = search(Arrays.copyOfRange(queries, q * dimension, (q + 1) * dimension), k, nprobe);
        }
        return found;
    }

    @Override
    public long size() {
        return vectors.size();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public IndexLayout layout() {
        return layout;
    }

    @Override
    public void setDefaultNprobe(int nprobe) {
    }

    @Override
    public byte[] serialize() {
        throw new UnsupportedOperationException("the Java index is not serialized");
    }

    @Override
    public void close() {
        vectors.clear();
    }
}
