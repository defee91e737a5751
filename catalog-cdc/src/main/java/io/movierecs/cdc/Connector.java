package io.movierecs.cdc;

/** The Debezium connector that reads the catalog's change log. */
public enum Connector {
    /** PostgreSQL logical decoding with the pgoutput plugin. */
    POSTGRES("io.debezium.connector.postgresql.PostgresConnector", "public", 5432),
    /** SQL Server change data capture (sys.sp_cdc_enable_db / sp_cdc_enable_table). */
    SQLSERVER("io.debezium.connector.sqlserver.SqlServerConnector", "dbo", 1433);

    private final String connectorClass;
    private final String defaultSchema;
    private final int defaultPort;

    Connector(String connectorClass, String defaultSchema, int defaultPort) {
        this.connectorClass = connectorClass;
        this.defaultSchema = defaultSchema;
        this.defaultPort = defaultPort;
    }

    public String connectorClass() {
        return connectorClass;
    }

    public String defaultSchema() {
        return defaultSchema;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
