package io.movierecs.catalog.importer;

/** Hears how far a long import has come. */
@FunctionalInterface
public interface Progress {

    /** Nothing is told. */
    Progress NONE = (stage, done, total) -> { };

    /**
     * @param stage what is being loaded, such as {@code movies.csv}
     * @param done rows handled so far
     * @param total rows in all, or -1 when unknown
     */
    void update(String stage, long done, long total);
}
