package io.movierecs.index.search;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.store.MovieStore;
import io.movierecs.index.store.StoredMovie;
import io.movierecs.index.vectors.IndexLayout;
import io.movierecs.index.vectors.Neighbours;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Filtered k-nearest-neighbour search. The index knows vectors only, so filters are applied to its
 * candidates: ask for more than k (scaled by how selective the filter looks), and when too few survive ask
 * for four times as many, visiting four times as many lists, up to {@code maxCandidates}. A filter expected
 * to match fewer than {@code exactScanBelow} movies, or one the widening could not satisfy, is answered by
 * an exact scan of the matching movies, so k results come back whenever k movies match.
 */
public class SearchService {

    private static final int MAX_ROUNDS = 5;

    private final LiveIndex live;
    private final IndexProperties.Search config;

    public SearchService(LiveIndex live, IndexProperties.Search config) {
        this.live = live;
        this.config = config;
    }

    public SearchOutcome search(float[] query, int k, int nprobe, SearchFilter filter) {
        long position = live.position();
        long generation = live.generation();
        MovieStore store = live.store();
        int n = store.size();
        IndexLayout layout = live.info().layout();
        int expected = filter.genre() == null ? n : store.genreCount(filter.genre());
        if (filter.narrows() && expected < config.exactScanBelow()) {
            return new SearchOutcome(exactScan(query, k, filter), generation, position, layout, 0, true);
        }
        int want = initialCandidates(k, n, expected, filter);
        int probe = layout.exact() ? 0 : Math.max(1, nprobe > 0 ? Math.min(nprobe, layout.nlist()) : layout.nprobe());
        for (int round = 0; round < MAX_ROUNDS && n > 0; round++) {
            int asked = Math.min(want, n);
            int visit = probe;
            Neighbours found = live.read(index -> index.search(query, asked, visit));
            List<Hit> hits = keep(found, k, filter, store);
            boolean sawAll = found.size() >= n;
            if (hits.size() >= k || sawAll) {
                return new SearchOutcome(hits, generation, position, layout, probe, false);
            }
            boolean widest = want >= config.maxCandidates() && (layout.exact() || probe >= layout.nlist());
            if (widest) {
                break;
            }
            want = Math.min(want * 4, Math.max(config.maxCandidates(), k + filter.exclude().size()));
            probe = layout.exact() ? 0 : Math.min(probe * 4, layout.nlist());
        }
        return new SearchOutcome(exactScan(query, k, filter), generation, position, layout, 0, true);
    }

    private int initialCandidates(int k, int n, int expected, SearchFilter filter) {
        int want = k + filter.exclude().size();
        if (filter.narrows()) {
            double selectivity = Math.max(expected, 1) / (double) Math.max(n, 1);
            double yearShare = filter.yearFrom() != null || filter.yearTo() != null ? 0.5 : 1.0;
            want = (int) Math.min(config.maxCandidates(), Math.ceil(2.0 * k / (selectivity * yearShare))) + want;
        }
        return Math.max(want, k);
    }

    private static List<Hit> keep(Neighbours found, int k, SearchFilter filter, MovieStore store) {
        List<Hit> hits = new ArrayList<>(k);
        for (int i = 0; i < found.size() && hits.size() < k; i++) {
            float score = found.scores()[i];
            store.get(found.ids()[i]).filter(filter::test).ifPresent(movie -> hits.add(new Hit(movie, score)));
        }
        return hits;
    }

    /** The exact top k among the movies the filter accepts. */
    List<Hit> exactScan(float[] query, int k, SearchFilter filter) {
        PriorityQueue<Hit> best = new PriorityQueue<>(k + 1, Comparator.comparingDouble(Hit::score));
        for (StoredMovie movie : live.store().movies()) {
            if (!filter.test(movie)) {
                continue;
            }
            float score = dot(query, movie.vector());
            if (best.size() < k) {
                best.add(new Hit(movie, score));
            } else if (score > best.peek().score()) {
                best.poll();
                best.add(new Hit(movie, score));
            }
        }
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparingLong(h -> h.movie().movieId()));
        return hits;
    }

    static float dot(float[] a, float[] b) {
        float sum0 = 0;
        float sum1 = 0;
        int i = 0;
        for (; i + 1 < a.length; i += 2) {
            sum0 += a[i] * b[i];
            sum1 += a[i + 1] * b[i + 1];
        }
        if (i < a.length) {
            sum0 += a[i] * b[i];
        }
        return sum0 + sum1;
    }
}
