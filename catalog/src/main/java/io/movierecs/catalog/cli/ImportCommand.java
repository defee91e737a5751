package io.movierecs.catalog.cli;

import io.movierecs.catalog.db.CatalogDatabase;
import io.movierecs.catalog.db.CatalogMigrations;
import io.movierecs.catalog.db.EmbeddedCatalog;
import io.movierecs.catalog.importer.CatalogImporter;
import io.movierecs.catalog.importer.ImportProblem;
import io.movierecs.catalog.importer.ImportReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./movie-recs import}: migrates the catalog schema and loads the sample catalog and/or MovieLens. */
@Command(name = "movie-recs import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loads catalogs into the catalog database. Idempotent: a second run changes nothing.",
            "Without --jdbc-url it uses the embedded catalog (127.0.0.1:54329, database catalog, user movies):",
            "the running one if './movie-recs run' is up, else it starts it on --data-dir for the import."})
public final class ImportCommand implements Callable<Integer> {

    private static final int MAX_PROBLEMS_SHOWN = 20;

    @Option(names = "--sample", description = "Load the built-in sample catalog (the default when no --movielens).")
    boolean sample;

    @Option(names = "--movielens", paramLabel = "DIR",
            description = "Load a MovieLens directory (movies.csv, tags.csv, links.csv), e.g. ../shared/data/ml-latest-small.")
    Path movieLens;

    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "${env:CATALOG_JDBC_URL}",
            description = "Catalog JDBC URL, jdbc:postgresql://... or jdbc:sqlserver://... (env CATALOG_JDBC_URL).")
    String jdbcUrl;

    @Option(names = "--user", defaultValue = "${env:CATALOG_USER:-movies}", description = "Database user (env CATALOG_USER; default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "${env:CATALOG_PASSWORD:-movies}", description = "Database password (env CATALOG_PASSWORD).", arity = "0..1", interactive = false)
    String password;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:MOVIE_RECS_DATA:-var}",
            description = "Data directory of the embedded default (default ${DEFAULT-VALUE}); the catalog lives in DIR/catalog-pg.")
    Path dataDir;

    @Option(names = "--port", defaultValue = "54329", description = "Port of the embedded catalog (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Rows per batch and transaction (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--no-migrate", negatable = false, description = "Do not apply schema migrations first.")
    boolean noMigrate;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "catalog-cli-logback.xml");
        }
        System.exit(new CommandLine(new ImportCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (movieLens != null && !Files.isDirectory(movieLens)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--movielens " + movieLens + " is not a directory");
        }
        EmbeddedCatalog embedded = null;
        try {
            CatalogDatabase database;
            if (jdbcUrl != null && !jdbcUrl.isBlank()) {
                database = new CatalogDatabase(jdbcUrl, user, password);
            } else {
                database = CatalogDatabase.embeddedDefault(port);
                if (!reachable(database)) {
                    System.err.println("starting the embedded catalog in " + dataDir.resolve("catalog-pg"));
                    embedded = EmbeddedCatalog.start(dataDir.resolve("catalog-pg"), port);
                }
            }
            return importInto(database);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private int importInto(CatalogDatabase database) throws Exception {
        if (!noMigrate) {
            int applied = CatalogMigrations.migrate(database);
            System.err.println("schema of " + database.jdbcUrl() + ": " + applied + " migrations applied");
        }
        CatalogImporter importer = new CatalogImporter(database, new ConsoleProgress(), batchSize);
        if (sample || movieLens == null) {
            print("sample catalog", importer.importSample());
        }
        if (movieLens != null) {
            long started = System.nanoTime();
            ImportReport report = importer.importMovieLens(movieLens);
            print("MovieLens " + movieLens + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)",
                    report);
        }
        return 0;
    }

    private static boolean reachable(CatalogDatabase database) {
        try (Connection ignored = database.connect()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Malformed rows are reported, not fatal: the rest of the file loaded. */
    private static void print(String what, ImportReport report) {
        System.out.println(what + ": " + report);
        report.problems().stream().limit(MAX_PROBLEMS_SHOWN).map(ImportProblem::toString)
                .forEach(problem -> System.out.println("  malformed row " + problem));
        if (report.problems().size() > MAX_PROBLEMS_SHOWN) {
            System.out.println("  ... and " + (report.problems().size() - MAX_PROBLEMS_SHOWN) + " more");
        }
    }
}
