package io.movierecs.gateway.rotation;

import io.movierecs.gateway.index.Filters;
import io.movierecs.gateway.index.IndexClient;
import io.movierecs.gateway.index.IndexMovie;
import io.movierecs.gateway.index.IndexResults;
import io.movierecs.gateway.index.IndexState;
import io.movierecs.gateway.index.IndexUnavailableException;
import java.util.List;

/** One replica's state requests, for the watches: answers {@link #state}, or fails while {@link #down}. */
final class FakeReplica implements IndexClient {

    volatile IndexState state = new IndexState("LIVE", "IDMap,Flat", 10, 1, 1000, true, 10L);
    volatile boolean down;
    volatile Error fatal;

    @Override
    public IndexState state() {
        if (fatal != null) {
            throw fatal;
        }
        if (down) {
            throw new IndexUnavailableException("replica down", null);
        }
        return state;
    }

    @Override
    public IndexMovie movie(long id, boolean withVector) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IndexResults similar(long id, int k, Filters filters) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IndexResults search(float[] vector, int k, Filters filters, List<Long> exclude) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<IndexMovie> titles(String prefix, int limit) {
        throw new UnsupportedOperationException();
    }
}
