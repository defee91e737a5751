package io.movierecs.catalog.db;

/** The catalog databases we support, told apart by their JDBC URL. */
public enum Dialect {
    POSTGRESQL("jdbc:postgresql:", "classpath:db/migration/postgresql"),
    SQLSERVER("jdbc:sqlserver:", "classpath:db/migration/sqlserver");

    private final String urlPrefix;
    private final String migrations;

    Dialect(String urlPrefix, String migrations) {
        this.urlPrefix = urlPrefix;
        this.migrations = migrations;
    }

    /** The Flyway location of this dialect's migrations. */
    public String migrations() {
        return migrations;
    }

    public static Dialect fromJdbcUrl(String jdbcUrl) {
        for (Dialect dialect : values()) {
            if (jdbcUrl.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("unsupported catalog JDBC URL '" + jdbcUrl
                + "': expected jdbc:postgresql://HOST:PORT/DB or jdbc:sqlserver://HOST:PORT;databaseName=DB");
    }
}
