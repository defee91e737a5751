package io.movierecs.catalog.importer;

import java.util.ArrayList;
import java.util.List;

/** What an import did: rows written by kind, and the rows it could not load. */
public final class ImportReport {

    private final WriteCounts movies = new WriteCounts();
    private final WriteCounts people = new WriteCounts();
    private final WriteCounts credits = new WriteCounts();
    private final List<ImportProblem> problems = new ArrayList<>();

    public WriteCounts movies() {
        return movies;
    }

    public WriteCounts people() {
        return people;
    }

    public WriteCounts credits() {
        return credits;
    }

    public List<ImportProblem> problems() {
        return problems;
    }

    void addProblem(ImportProblem problem) {
        problems.add(problem);
    }

    /** True when the import changed no row. */
    public boolean changedNothing() {
        return movies.changed() == 0 && people.changed() == 0 && credits.changed() == 0;
    }

    @Override
    public String toString() {
        return "movies " + movies + "; people " + people + "; credits " + credits + "; " + problems.size()
                + " malformed rows";
    }

    /** Counts of rows inserted, updated, deleted and left as they were. */
    public static final class WriteCounts {
        private long inserted;
        private long updated;
        private long deleted;
        private long unchanged;

        void add(long inserted, long updated, long deleted, long unchanged) {
            this.inserted += inserted;
            this.updated += updated;
            this.deleted += deleted;
            this.unchanged += unchanged;
        }

        public long inserted() {
            return inserted;
        }

        public long updated() {
            return updated;
        }

        public long deleted() {
            return deleted;
        }

        public long unchanged() {
            return unchanged;
        }

        public long changed() {
            return inserted + updated + deleted;
        }

        @Override
        public String toString() {
            return inserted + " inserted, " + updated + " updated, " + deleted + " deleted, " + unchanged
                    + " unchanged";
        }
    }
}
