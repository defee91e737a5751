package io.movierecs.index.search;

import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Checks of client input; each failure is a 400 naming the field. */
final class RequestChecks {

    static final int DEFAULT_K = 10;
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    static final int MAX_NPROBE = 65_536;
    static final int MAX_EXCLUDE = 10_000;

    private final int dimension;
    private final int maxK;

    RequestChecks(int dimension, int maxK) {
        this.dimension = dimension;
        this.maxK = maxK;
    }

    static ResponseStatusException bad(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    void vector(float[] vector) {
        if (vector == null) {
            throw bad("vector is required");
        }
        if (vector.length != dimension) {
            throw bad("vector has " + vector.length + " values; the index holds " + dimension + "-d vectors");
        }
        for (float value : vector) {
            if (!Float.isFinite(value)) {
                throw bad("vector values must be finite numbers");
            }
        }
    }

    int k(Integer k) {
        if (k == null) {
            return DEFAULT_K;
        }
        if (k < 1 || k > maxK) {
            throw bad("k must be between 1 and " + maxK + ", was " + k);
        }
        return k;
    }

    int nprobe(Integer nprobe) {
        if (nprobe == null) {
            return 0;
        }
        if (nprobe < 1 || nprobe > MAX_NPROBE) {
            throw bad("nprobe must be between 1 and " + MAX_NPROBE + ", was " + nprobe);
        }
        return nprobe;
    }

    int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw bad("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    SearchFilter filter(String genre, Integer yearFrom, Integer yearTo, Set<Long> exclude) {
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw bad("yearFrom " + yearFrom + " is after yearTo " + yearTo);
        }
        if (genre != null && genre.length() > 100) {
            throw bad("genre is longer than 100 characters");
        }
        if (exclude != null && exclude.size() > MAX_EXCLUDE) {
            throw bad("exclude lists more than " + MAX_EXCLUDE + " ids");
        }
        if (exclude != null && exclude.contains(null)) {
            throw bad("exclude must hold movie ids, not null");
        }
        return new SearchFilter(genre, yearFrom, yearTo, exclude);
    }
}
