package io.movierecs.catalog.importer;

/**
 * A row that could not be loaded.
 *
 * @param file the file it came from
 * @param line its 1-based line number
 * @param message what is wrong with it
 */
public record ImportProblem(String file, long line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
