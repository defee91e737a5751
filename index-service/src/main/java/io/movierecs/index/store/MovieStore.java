package io.movierecs.index.store;

import io.movierecs.events.SourceVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The movies held, by id, with the version bookkeeping that makes replays harmless:
 * <ul>
 *   <li>an upsert older than the version held is stale; an equal one is applied again (idempotent);</li>
 *   <li>a delete remembers the last version held, and an upsert not newer than that stays stale, so replaying
 *       the topic from an earlier offset cannot resurrect a deleted movie.</li>
 * </ul>
 * Writes come from one thread; reads from any (the maps are concurrent, each entry immutable).
 */
public final class MovieStore {

    /** The version remembered for a movie deleted before any version of it was seen. */
    public static final String UNKNOWN_VERSION = "";

    private final Map<Long, StoredMovie> movies = new ConcurrentHashMap<>();
    private final Map<Long, String> deleted = new ConcurrentHashMap<>();
    private final Map<String, Integer> genreCounts = new ConcurrentHashMap<>();
    private final NavigableMap<String, Long> titles = new ConcurrentSkipListMap<>();

    /** Whether an upsert of {@code movieId} at {@code version} should be applied. */
    public boolean accepts(long movieId, String version) {
        StoredMovie held = movies.get(movieId);
        if (held != null) {
            return SourceVersion.compare(version, held.sourceVersion()) >= 0;
        }
        String deletedAt = deleted.get(movieId);
        return deletedAt == null || SourceVersion.compare(version, deletedAt) > 0;
    }

    /** Stores a movie, replacing the one held. The caller checked {@link #accepts}. */
    public void put(StoredMovie movie) {
        StoredMovie old = movies.put(movie.movieId(), movie);
        deleted.remove(movie.movieId());
        if (old != null) {
            unindex(old);
        }
        index(movie);
    }

    /** Deletes a movie and remembers its last version; returns the movie that was held, if any. */
    public Optional<StoredMovie> delete(long movieId) {
        StoredMovie old = movies.remove(movieId);
        if (old != null) {
            unindex(old);
            deleted.put(movieId, old.sourceVersion());
        } else {
            deleted.putIfAbsent(movieId, UNKNOWN_VERSION);
        }
        return Optional.ofNullable(old);
    }

    /** Restores a deleted movie's remembered version (snapshots). */
    public void rememberDeleted(long movieId, String version) {
        if (!movies.containsKey(movieId)) {
            deleted.merge(movieId, version, SourceVersion::max);
        }
    }

    public Optional<StoredMovie> get(long movieId) {
        return Optional.ofNullable(movies.get(movieId));
    }

    public boolean contains(long movieId) {
        return movies.containsKey(movieId);
    }

    public int size() {
        return movies.size();
    }

    /** A live view of the movies held (weakly consistent while the writer works). */
    public Collection<StoredMovie> movies() {
        return movies.values();
    }

    /** A copy of the deleted movies and their last versions. */
    public Map<Long, String> deletedVersions() {
        return Map.copyOf(deleted);
    }

    /** Movies of a genre (ignoring case). */
    public int genreCount(String genre) {
        return genreCounts.getOrDefault(genre.toLowerCase(Locale.ROOT), 0);
    }

    /**
     * Movies whose title starts with {@code prefix}, ignoring case, accents and a leading article, in title
     * order, at most {@code limit}.
     */
    public List<StoredMovie> titlesStartingWith(String prefix, int limit) {
        String from = TitleKey.prefixOf(prefix);
        Set<Long> ids = new LinkedHashSet<>();
        for (Long id : titles.subMap(from, true, from + Character.MAX_VALUE, false).values()) {
            ids.add(id);
            if (ids.size() >= limit) {
                break;
            }
        }
        List<StoredMovie> found = new ArrayList<>(ids.size());
        for (Long id : ids) {
            StoredMovie movie = movies.get(id);
            if (movie != null) {
                found.add(movie);
            }
        }
        return found;
    }

    private void index(StoredMovie movie) {
        for (String genre : movie.metadata().genres()) {
            genreCounts.merge(genre.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        for (String key : TitleKey.keysOf(movie.metadata().title())) {
            titles.put(titleEntry(key, movie.movieId()), movie.movieId());
        }
    }

    private void unindex(StoredMovie movie) {
        for (String genre : movie.metadata().genres()) {
            genreCounts.computeIfPresent(genre.toLowerCase(Locale.ROOT), (g, n) -> n <= 1 ? null : n - 1);
        }
        for (String key : TitleKey.keysOf(movie.metadata().title())) {
            titles.remove(titleEntry(key, movie.movieId()));
        }
    }

    /** Title keys are unique per movie: the key, a separator sorting before any text, the id. */
    private static String titleEntry(String key, long movieId) {
        return key + '\u0001' + movieId;
    }
}
