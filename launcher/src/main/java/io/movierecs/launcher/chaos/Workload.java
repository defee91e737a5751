package io.movierecs.launcher.chaos;

import io.movierecs.catalog.db.CatalogDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seeded mix of catalog changes through JDBC, paced evenly over a planned duration: inserts, text and
 * poster-only updates, cast changes, person renames, deletes and re-inserts of deleted ids. Targets are picked
 * from the catalog as it is at each change. While the database is down a change waits and tries again; a change
 * whose commit failed is recorded as failed (the catalog stays the truth the checker reads).
 */
final class Workload {

    private static final Logger log = LoggerFactory.getLogger(Workload.class);
    private static final long FIRST_NEW_ID = 3_000_000;

    private final Supplier<CatalogDatabase> catalog;
    private final Random random;
    private final CatalogEdits edits;
    private final Visibility visibility;
    private final List<Change> changes = new ArrayList<>();
    private final Set<Long> deleted = new LinkedHashSet<>();
    private final Map<Long, String> deletedTitles = new java.util.concurrent.ConcurrentHashMap<>();
    private String titleBeingDeleted;
    private long nextId = FIRST_NEW_ID;

    Workload(Supplier<CatalogDatabase> catalog, long seed, Visibility visibility) {
        this.catalog = catalog;
        this.random = new Random(seed);
        this.edits = new CatalogEdits(random);
        this.visibility = visibility;
    }

    /** Makes {@code count} changes, one every {@code intervalMs}. */
    void run(int count, long intervalMs) throws InterruptedException {
        long start = System.currentTimeMillis();
        for (int seq = 1; seq <= count; seq++) {
            long due = start + (seq - 1) * intervalMs;
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            Change change = make(seq, pick());
            synchronized (changes) {
                changes.add(change);
            }
            visibility.follow(change);
        }
    }

    private Change.Kind pick() {
        int roll = random.nextInt(100);
        if (roll < 15) {
            return Change.Kind.INSERT;
        } else if (roll < 40) {
            return Change.Kind.TEXT_UPDATE;
        } else if (roll < 50) {
            return Change.Kind.POSTER_UPDATE;
        } else if (roll < 65) {
            return Change.Kind.CAST_CHANGE;
        } else if (roll < 75) {
            return Change.Kind.PERSON_RENAME;
        } else if (roll < 90) {
            return Change.Kind.DELETE;
        }
        return deleted.isEmpty() ? Change.Kind.INSERT : Change.Kind.REINSERT;
    }

    /** One change, retried (with a fresh target) until the database takes it or its commit fails. */
    private Change make(int seq, Change.Kind kind) throws InterruptedException {
        long backoff = 100;
        while (true) {
            CatalogEdits.Edit edit = null;
            try (Connection c = catalog.get().connect()) {
                c.setAutoCommit(false);
                edit = edit(c, seq, kind);
                try {
                    c.commit();
                } catch (SQLException commitFailed) {
                    log.warn("change {} ({} of movie {}): commit failed, outcome unknown: {}", seq, kind,
                            edit.movie(), commitFailed.toString());
                    return new Change(seq, kind, edit.movie(), -1, edit.visible());
                }
                if (kind == Change.Kind.DELETE) {
                    deleted.add(edit.movie());
                    deletedTitles.put(edit.movie(), titleBeingDeleted);
                }
                return new Change(seq, kind, edit.movie(), System.currentTimeMillis(), edit.visible());
            } catch (SQLException e) {
                log.debug("change {} ({}): {}; trying again", seq, kind, e.toString());
                Thread.sleep(backoff);
                backoff = Math.min(2000, backoff * 2);
            }
        }
    }

    private CatalogEdits.Edit edit(Connection c, int seq, Change.Kind kind) throws SQLException {
        return switch (kind) {
            case INSERT -> edits.insert(c, nextId++, seq, "Chaos film");
            case REINSERT -> reinsert(c, seq);
            case TEXT_UPDATE -> {
                long movie = randomMovie(c);
                yield edits.textUpdate(c, movie, title(c, movie), seq);
            }
            case POSTER_UPDATE -> edits.posterUpdate(c, randomMovie(c), seq);
            case CAST_CHANGE -> edits.castChange(c, randomMovie(c));
            case PERSON_RENAME -> rename(c, seq);
            case DELETE -> {
                long movie = randomMovie(c);
                titleBeingDeleted = title(c, movie);
                yield edits.delete(c, movie);
            }
        };
    }

    private CatalogEdits.Edit reinsert(Connection c, int seq) throws SQLException {
        for (long id : deleted) {
            if (!Rows.exists(c, id)) {
                deleted.remove(id);
                return edits.insert(c, id, seq, "Back again");
            }
        }
        return edits.insert(c, nextId++, seq, "Chaos film");
    }

    private CatalogEdits.Edit rename(Connection c, int seq) throws SQLException {
        long credits = Rows.count(c, "SELECT count(*) FROM movie_people");
        try (PreparedStatement s = c.prepareStatement("SELECT p.person_id, p.name, mp.movie_id FROM movie_people mp"
                + " JOIN people p ON p.person_id = mp.person_id ORDER BY mp.movie_id, mp.person_id, mp.role"
                + " LIMIT 1 OFFSET ?")) {
            s.setLong(1, random.nextLong(credits));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return edits.rename(c, rows.getLong(1), rows.getLong(3), rows.getString(2), seq);
            }
        }
    }

    private long randomMovie(Connection c) throws SQLException {
        long movies = Rows.count(c, "SELECT count(*) FROM movies");
        return Rows.longAt(c, "SELECT movie_id FROM movies ORDER BY movie_id", random.nextLong(movies));
    }

    private static String title(Connection c, long movie) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT title FROM movies WHERE movie_id = ?")) {
            s.setLong(1, movie);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** Every change made so far, in order. */
    List<Change> changes() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }

    /** Changes made, by kind. */
    Map<Change.Kind, Integer> byKind() {
        Map<Change.Kind, Integer> counts = new EnumMap<>(Change.Kind.class);
        changes().forEach(change -> counts.merge(change.kind, 1, Integer::sum));
        return counts;
    }

    /**
     * Ids this run deleted (or tried to: a failed commit counts), whether or not re-inserted since, with the
     * title they had when deleted where known.
     */
    Map<Long, String> everDeleted() {
        Map<Long, String> ids = new java.util.LinkedHashMap<>();
        changes().stream().filter(change -> change.kind == Change.Kind.DELETE)
                .forEach(change -> ids.put(change.movie, deletedTitles.getOrDefault(change.movie, "")));
        return ids;
    }
}
