package io.movierecs.gateway.api;

import io.movierecs.gateway.index.Filters;
import java.util.List;
import java.util.Objects;

/** Checks of client input; each failure is a {@link BadRequestException} naming the parameter. */
final class Checks {

    static final int DEFAULT_K = 10;
    static final int MAX_K = 100;
    static final int DEFAULT_TITLE_LIMIT = 10;
    static final int MAX_TITLE_LIMIT = 50;
    static final int MAX_TASTE_MOVIES = 100;
    static final int MIN_YEAR = 1800;
    static final int MAX_YEAR = 2200;

    private final int maxTextLength;

    Checks(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    static int k(Integer k) {
        if (k == null) {
            return DEFAULT_K;
        }
        if (k < 1 || k > MAX_K) {
            throw new BadRequestException("k must be between 1 and " + MAX_K + ", was " + k);
        }
        return k;
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_TITLE_LIMIT;
        }
        if (limit < 1 || limit > MAX_TITLE_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_TITLE_LIMIT + ", was " + limit);
        }
        return limit;
    }

    String text(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name + " is required and must not be blank");
        }
        if (value.length() > maxTextLength) {
            throw new BadRequestException(name + " is longer than " + maxTextLength + " characters");
        }
        return value;
    }

    static Filters filters(String genre, Integer yearFrom, Integer yearTo) {
        year("yearFrom", yearFrom);
        year("yearTo", yearTo);
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw new BadRequestException("yearFrom " + yearFrom + " is after yearTo " + yearTo);
        }
        if (genre != null && genre.length() > 100) {
            throw new BadRequestException("genre is longer than 100 characters");
        }
        String cleanGenre = genre == null || genre.isBlank() ? null : genre.strip();
        return new Filters(cleanGenre, yearFrom, yearTo);
    }

    private static void year(String name, Integer year) {
        if (year != null && (year < MIN_YEAR || year > MAX_YEAR)) {
            throw new BadRequestException(name + " must be between " + MIN_YEAR + " and " + MAX_YEAR + ", was " + year);
        }
    }

    static void taste(List<Long> liked, List<Long> disliked) {
        if (liked == null || liked.isEmpty()) {
            throw new BadRequestException("liked must list at least one movie id");
        }
        if (liked.size() + disliked.size() > MAX_TASTE_MOVIES) {
            throw new BadRequestException("liked and disliked list more than " + MAX_TASTE_MOVIES + " movies");
        }
        if (liked.stream().anyMatch(Objects::isNull) || disliked.stream().anyMatch(Objects::isNull)) {
            throw new BadRequestException("liked and disliked must hold movie ids, not null");
        }
        for (Long id : liked) {
            if (disliked.contains(id)) {
                throw new BadRequestException("movie " + id + " is both liked and disliked");
            }
        }
    }
}
