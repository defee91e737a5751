package io.movierecs.catalog.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where the catalog lives and how to log in.
 *
 * @param jdbcUrl {@code jdbc:postgresql://...} or {@code jdbc:sqlserver://...}
 * @param user database user
 * @param password its password
 */
public record CatalogDatabase(String jdbcUrl, String user, String password) {

    /** The embedded default's database, user and password. */
    public static final String DEFAULT_NAME = "catalog";
    public static final String DEFAULT_USER = "movies";
    public static final String DEFAULT_PASSWORD = "movies";
    public static final int DEFAULT_PORT = 54329;

    public CatalogDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Dialect.fromJdbcUrl(jdbcUrl);
    }

    /** The embedded default on loopback at the given port. */
    public static CatalogDatabase embeddedDefault(int port) {
        return new CatalogDatabase("jdbc:postgresql://127.0.0.1:" + port + "/" + DEFAULT_NAME, DEFAULT_USER,
                DEFAULT_PASSWORD);
    }

    public Dialect dialect() {
        return Dialect.fromJdbcUrl(jdbcUrl);
    }

    /** Opens a connection, or fails with a message that says where it tried. */
    public Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(jdbcUrl, user, password);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to the catalog at " + jdbcUrl + " as '" + user + "': "
                    + e.getMessage(), e.getSQLState(), e);
        }
    }

    @Override
    public String toString() {
        return "CatalogDatabase[" + jdbcUrl + ", user=" + user + "]";
    }
}
