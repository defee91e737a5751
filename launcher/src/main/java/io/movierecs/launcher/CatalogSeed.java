package io.movierecs.launcher;

import io.movierecs.catalog.db.CatalogDatabase;
import io.movierecs.catalog.importer.CatalogImporter;
import io.movierecs.catalog.importer.ImportReport;
import io.movierecs.catalog.importer.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Fills a new catalog once: the sample catalog when the movies table is empty, and a MovieLens directory when it
 * has not been imported into this data directory before (a marker file records it). A second run imports
 * nothing, so edits made with psql in between are kept.
 */
final class CatalogSeed {

    private final CatalogDatabase database;
    private final Path markers;
    private final PrintStream out;

    CatalogSeed(CatalogDatabase database, Path dataDirectory, PrintStream out) {
        this.database = database;
        this.markers = dataDirectory.resolve("imported");
        this.out = out;
    }

    void seed(Path dataset) throws IOException, SQLException {
        CatalogImporter importer = new CatalogImporter(database, Progress.NONE);
        if (movies(database) == 0) {
            report("sample catalog", importer.importSample());
        }
        if (dataset == null) {
            return;
        }
        Path marker = markers.resolve(markerName(dataset));
        if (Files.exists(marker)) {
            out.println("  " + dataset + " was imported by an earlier run: not importing it again");
            return;
        }
        out.println("  importing " + dataset + " ...");
        report(dataset.toString(), importer.importMovieLens(dataset));
        Files.createDirectories(markers);
        Files.writeString(marker, dataset.toAbsolutePath().normalize() + "\n");
    }

    /** Movies in the catalog now. */
    static long movies(CatalogDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM movies")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void report(String what, ImportReport report) {
        out.println("  " + what + ": " + report);
        if (!report.problems().isEmpty()) {
            out.println("  " + report.problems().size() + " malformed rows skipped, e.g. " + report.problems().get(0));
        }
    }

    private static String markerName(Path dataset) {
        byte[] path = dataset.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(path);
            return "movielens-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
