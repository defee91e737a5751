package io.movierecs.index.vectors;

import io.movierecs.faiss.FaissIndex;
import io.movierecs.faiss.SearchResult;
import java.util.Arrays;

/**
 * A {@link VectorIndex} over one {@link FaissIndex}. Upsert = removeIds + addWithIds, since Faiss keeps both
 * copies of an id added twice. The default nprobe lives here and is passed per search, so it can be changed
 * without touching the native index.
 */
final class FaissVectorIndex implements VectorIndex {

    private final FaissIndex index;
    private final String factory;
    private final int nlist;
    private volatile int defaultNprobe;

    FaissVectorIndex(FaissIndex index, String factory, int defaultNprobe) {
        this.index = index;
        this.factory = factory;
        this.nlist = (int) index.nlist();
        this.defaultNprobe = nlist == 0 ? 0 : Math.max(1, Math.min(defaultNprobe, nlist));
    }

    @Override
    public void upsert(long[] ids, float[] vectors) {
        if (ids.length == 0) {
            return;
        }
        if (index.ntotal() > 0) {
            index.removeIds(ids);
        }
        index.addWithIds(vectors, ids);
    }

    @Override
    public void remove(long[] ids) {
        if (ids.length > 0 && index.ntotal() > 0) {
            index.removeIds(ids);
        }
    }

    @Override
    public Neighbours search(float[] query, int k, int nprobe) {
        return searchBatch(query, 1, k, nprobe)[0];
    }

    @Override
    public Neighbours[] searchBatch(float[] queries, int nq, int k, int nprobe) {
        long held = index.ntotal();
        Neighbours[] found = new Neighbours[nq];
        if (held == 0) {
            Arrays.fill(found, new Neighbours(new long[0], new float[0]));
            return found;
        }
        int probe = nprobe > 0 ? nprobe : defaultNprobe;
        SearchResult result = index.search(queries, nq, (int) Math.min(k, held), probe);
        for (int q = 0; q < nq; q++) {
            long[] ids = result.idsOf(q);
            float[] scores = new float[ids.length];
            for (int rank = 0; rank < ids.length; rank++) {
                scores[rank] = result.score(q, rank);
            }
            found[q] = new Neighbours(ids, scores);
        }
        return found;
    }

    @Override
    public long size() {
        return index.ntotal();
    }

    @Override
    public int dimension() {
        return index.dimension();
    }

    @Override
    public IndexLayout layout() {
        return new IndexLayout(factory, nlist, defaultNprobe);
    }

    @Override
    public void setDefaultNprobe(int nprobe) {
        if (nlist > 0) {
            this.defaultNprobe = Math.max(1, Math.min(nprobe, nlist));
        }
    }

    @Override
    public byte[] serialize() {
        return index.serialize();
    }

    @Override
    public void close() {
        index.close();
    }
}
