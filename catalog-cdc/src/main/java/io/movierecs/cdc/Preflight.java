package io.movierecs.cdc;

import io.movierecs.events.CatalogTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Checks before the engine starts, so that bad configuration fails at once with a message that says what to
 * fix, instead of a Debezium stack trace minutes later: Kafka reachable, database reachable, logical decoding
 * (or CDC) enabled, the catalog tables and the publication present. A dependency that does not answer yet
 * throws {@link NotReachable} (retried in the background); anything a retry cannot fix throws
 * {@link IllegalStateException}.
 */
final class Preflight {

    private static final int TIMEOUT_SECONDS = 10;

    private final CdcProperties cdc;

    Preflight(CdcProperties cdc) {
        this.cdc = cdc;
    }

    void checkKafka(Admin admin) {
        String servers = cdc.kafka().bootstrapServers();
        try {
            admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            String message = "cannot reach Kafka at " + servers + ": check catalog-cdc.kafka.bootstrap-servers ("
                    + e.getCause() + ")";
            if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
                throw new IllegalStateException(message, e.getCause());
            }
            throw new NotReachable(message, e.getCause());
        } catch (TimeoutException e) {
            throw new NotReachable("cannot reach Kafka at " + servers + " within " + TIMEOUT_SECONDS
                    + " s: check catalog-cdc.kafka.bootstrap-servers (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking Kafka at " + servers, e);
        }
    }

    void checkDatabase() {
        try (Connection connection = connect()) {
            checkTables(connection);
            switch (cdc.connector()) {
                case POSTGRES -> checkPostgres(connection);
                case SQLSERVER -> checkSqlServer(connection);
            }
        } catch (SQLException e) {
            if (isConnectionProblem(e)) {
                throw new NotReachable("catalog check failed: " + e.getMessage(), e);
            }
            throw new IllegalStateException("catalog check failed: " + e.getMessage(), e);
        }
    }

    /** Whether the database answers now (a connection within {@code timeoutSeconds}). */
    void ping(int timeoutSeconds) {
        try (Connection connection = connect(timeoutSeconds)) {
            connection.isValid(timeoutSeconds);
        } catch (SQLException e) {
            throw new NotReachable("catalog database at " + jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connection refused, timed out, reset, or the server starting up or shutting down (SQLSTATE classes 08
     * and 57P): a retry fixes these. Bad credentials (28xxx) and everything else do not.
     */
    static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P") || state.equals("53300");
    }

    String jdbcUrl() {
        CdcProperties.Database db = cdc.database();
        int port = DebeziumSettings.port(cdc);
        return switch (cdc.connector()) {
            case POSTGRES -> "jdbc:postgresql://" + db.host() + ":" + port + "/" + db.name();
            case SQLSERVER -> "jdbc:sqlserver://" + db.host() + ":" + port + ";databaseName=" + db.name()
                    + ";encrypt=true;trustServerCertificate=true";
        };
    }

    private Connection connect() {
        try {
            return connect(TIMEOUT_SECONDS);
        } catch (SQLException e) {
            String message = "cannot connect to the catalog " + cdc.connector() + " database at " + jdbcUrl()
                    + " as '" + cdc.database().user() + "': " + e.getMessage()
                    + ". Check catalog-cdc.database.host, port, name, user and password.";
            throw isConnectionProblem(e) ? new NotReachable(message, e) : new IllegalStateException(message, e);
        }
    }

    private Connection connect(int timeoutSeconds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", cdc.database().user());
        props.setProperty("password", cdc.database().password() == null ? "" : cdc.database().password());
        props.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("socketTimeout", Integer.toString(timeoutSeconds * 3));
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    private void checkPostgres(Connection connection) throws SQLException {
        String walLevel = single(connection, "SHOW wal_level");
        if (!"logical".equals(walLevel)) {
            throw new IllegalStateException("PostgreSQL at " + jdbcUrl() + " has wal_level=" + walLevel
                    + ", but change capture needs logical decoding: run ALTER SYSTEM SET wal_level = logical"
                    + " (or set wal_level = logical in postgresql.conf) and restart PostgreSQL.");
        }
        String publication = cdc.postgres().publication();
        List<String> published = list(connection, "SELECT tablename FROM pg_publication_tables WHERE pubname = ?"
                + " AND schemaname = ?", publication, cdc.schema());
        List<String> missing = missingTables(published);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the PostgreSQL publication '" + publication + "' does not cover "
                    + cdc.schema() + "." + String.join(", " + cdc.schema() + ".", missing) + ": apply the catalog"
                    + " migrations (./movie-recs import does) or CREATE PUBLICATION " + publication
                    + " FOR TABLE movies, people, movie_people; or set catalog-cdc.postgres.publication.");
        }
    }

    private void checkSqlServer(Connection connection) throws SQLException {
        if (!"1".equals(single(connection, "SELECT CAST(is_cdc_enabled AS INT) FROM sys.databases"
                + " WHERE name = DB_NAME()"))) {
            throw new IllegalStateException("CDC is not enabled on SQL Server database " + cdc.database().name()
                    + ": run EXEC sys.sp_cdc_enable_db (the catalog migration V2__cdc.sql does) and make sure"
                    + " SQL Server Agent is running.");
        }
        List<String> tracked = list(connection, "SELECT t.name FROM cdc.change_tables ct JOIN sys.tables t"
                + " ON t.object_id = ct.source_object_id JOIN sys.schemas s ON s.schema_id = t.schema_id"
                + " WHERE s.name = ?", cdc.schema());
        List<String> missing = missingTables(tracked);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("CDC is not enabled for " + cdc.schema() + "." + String.join(", "
                    + cdc.schema() + ".", missing) + ": run sys.sp_cdc_enable_table for each (V2__cdc.sql).");
        }
    }

    private void checkTables(Connection connection) throws SQLException {
        List<String> present = list(connection, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ?", cdc.schema());
        List<String> missing = missingTables(present);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("catalog table(s) " + cdc.schema() + "." + String.join(", "
                    + cdc.schema() + ".", missing) + " missing in " + jdbcUrl() + ": apply the catalog migrations"
                    + " (./movie-recs import --jdbc-url ... does) or check catalog-cdc.database.name and schema.");
        }
    }

    private static List<String> missingTables(List<String> present) {
        List<String> missing = new ArrayList<>();
        for (CatalogTable table : CatalogTable.values()) {
            if (present.stream().noneMatch(name -> name.equalsIgnoreCase(table.tableName()))) {
                missing.add(table.tableName());
            }
        }
        return missing;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        List<String> values = list(connection, sql);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> list(Connection connection, String sql, String... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setString(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** A dependency that does not answer (yet): a retry can fix it. */
    static final class NotReachable extends IllegalStateException {
        NotReachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
