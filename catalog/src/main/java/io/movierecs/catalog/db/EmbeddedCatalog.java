package io.movierecs.catalog.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL (zonky) ready for logical decoding: the catalog of the embedded default and of tests.
 *
 * <p>Owns the server process: {@link #close()} stops it. The data directory is kept, so a second start reuses
 * the catalog. The {@code movies} role owns the {@code catalog} database and may replicate.
 */
public final class EmbeddedCatalog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedCatalog.class);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final EmbeddedPostgres postgres;
    private final CatalogDatabase database;
    private final Path dataDirectory;

    private EmbeddedCatalog(EmbeddedPostgres postgres, CatalogDatabase database, Path dataDirectory) {
        this.postgres = postgres;
        this.database = database;
        this.dataDirectory = dataDirectory;
    }

    /** Starts (or restarts) the catalog in {@code dataDirectory} on loopback at {@code port}. */
    public static EmbeddedCatalog start(Path dataDirectory, int port) throws IOException {
        return start(dataDirectory, port, "logical");
    }

    /** As {@link #start(Path, int)} with another {@code wal_level}, to show what happens without logical decoding. */
    public static EmbeddedCatalog start(Path dataDirectory, int port, String walLevel) throws IOException {
        requireFreePort(port);
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("wal_level", walLevel)
                .setServerConfig("max_wal_senders", "10")
                .setServerConfig("max_replication_slots", "10")
                // zonky turns this off; with it off, logical decoding sees commits ~200 ms late
                .setServerConfig("synchronous_commit", "on")
                .start();
        try {
            createRoleAndDatabase(postgres);
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("could not prepare the embedded catalog: " + e.getMessage(), e);
        }
        log.info("embedded catalog PostgreSQL on 127.0.0.1:{}, data in {}", port, dataDirectory);
        return new EmbeddedCatalog(postgres, CatalogDatabase.embeddedDefault(port), dataDirectory);
    }

    private static void requireFreePort(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IOException("port " + port + " on 127.0.0.1 is taken: stop what uses it or choose another"
                    + " port for the embedded catalog", e);
        }
    }

    private static void createRoleAndDatabase(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(statement, "SELECT 1 FROM pg_roles WHERE rolname = '" + CatalogDatabase.DEFAULT_USER + "'")) {
                statement.execute("CREATE ROLE " + CatalogDatabase.DEFAULT_USER + " LOGIN REPLICATION PASSWORD '"
                        + CatalogDatabase.DEFAULT_PASSWORD + "'");
            }
            if (!exists(statement, "SELECT 1 FROM pg_database WHERE datname = '" + CatalogDatabase.DEFAULT_NAME
                    + "'")) {
                statement.execute("CREATE DATABASE " + CatalogDatabase.DEFAULT_NAME + " OWNER "
                        + CatalogDatabase.DEFAULT_USER);
            }
        }
    }

    private static boolean exists(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }

    /** The catalog database, as the {@code movies} user. */
    public CatalogDatabase database() {
        return database;
    }

    /** A superuser connection to the catalog database, for tests and administration. */
    public Connection superuserConnection() throws SQLException {
        return postgres.getDatabase("postgres", CatalogDatabase.DEFAULT_NAME).getConnection();
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * Stops the server and returns once it has exited. pg_ctl gives up waiting after 5 s, but a fast shutdown lasts
     * until each logical replication client has confirmed the last WAL it was sent, which a connected catalog-cdc
     * does at its next status update (up to ~10 s later).
     */
    @Override
    public void close() {
        try {
            postgres.close();
            awaitExit();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded catalog", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedded catalog was stopping", e);
        }
    }

    private void awaitExit() throws InterruptedException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (Files.exists(pidFile)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the embedded catalog in " + dataDirectory + " did not stop within "
                        + STOP_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }
}
