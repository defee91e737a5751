package io.movierecs.cdc;

import io.movierecs.events.CatalogTable;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Turns {@link CdcProperties} into the Debezium engine's properties. Extra settings under
 * {@code catalog-cdc.debezium.*} are passed through last, so an operator can override any of ours.
 */
final class DebeziumSettings {

    static final String ENGINE_NAME = "catalog-cdc";
    static final String SCHEMA_HISTORY_TOPIC = "catalog-cdc.schema-history";

    private DebeziumSettings() {
    }

    static Properties of(CdcProperties cdc) {
        Properties props = new Properties();
        props.setProperty("name", ENGINE_NAME);
        props.setProperty("connector.class", cdc.connector().connectorClass());
        props.setProperty("topic.prefix", cdc.topics().prefix());
        props.setProperty("table.include.list", Arrays.stream(CatalogTable.values())
                .map(table -> cdc.schema() + "." + table.tableName()).collect(Collectors.joining(",")));
        props.setProperty("snapshot.mode", "initial");
        props.setProperty("tombstones.on.delete", "true");
        props.setProperty("poll.interval.ms", Long.toString(cdc.pollIntervalMs()));
        props.setProperty("key.converter.schemas.enable", "false");
        props.setProperty("value.converter.schemas.enable", "false");
        props.setProperty("converter.schemas.enable", "false");
        // a lost database connection is retried forever, as is everything else that a retry can fix
        props.setProperty("errors.max.retries", "-1");
        props.setProperty("errors.retry.delay.initial.ms", Long.toString(cdc.retry().initialMs()));
        props.setProperty("errors.retry.delay.max.ms", Long.toString(cdc.retry().maxMs()));
        // the connector restarts this long after losing the database (Debezium waits 10 s): a PostgreSQL restart
        // then delays changes by about a second, not ten
        props.setProperty("retriable.restart.connector.wait.ms", Long.toString(cdc.retry().initialMs()));
        offsets(cdc, props);
        database(cdc, props);
        switch (cdc.connector()) {
            case POSTGRES -> postgres(cdc, props);
            case SQLSERVER -> sqlServer(cdc, props);
        }
        props.putAll(cdc.debezium());
        return props;
    }

    private static void offsets(CdcProperties cdc, Properties props) {
        CdcProperties.Offsets offsets = cdc.offsets();
        props.setProperty("offset.flush.interval.ms", Long.toString(offsets.flushIntervalMs()));
        props.setProperty("offset.flush.timeout.ms", "10000");
        switch (offsets.store()) {
            case KAFKA -> {
                props.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
                props.setProperty("offset.storage.topic", offsets.topic());
                props.setProperty("offset.storage.partitions", "1");
                props.setProperty("offset.storage.replication.factor",
                        Short.toString(cdc.topics().replicationFactor()));
                props.setProperty("bootstrap.servers", cdc.kafka().bootstrapServers());
            }
            case FILE -> {
                props.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
                props.setProperty("offset.storage.file.filename", offsets.file().toString());
            }
        }
    }

    private static void database(CdcProperties cdc, Properties props) {
        CdcProperties.Database database = cdc.database();
        props.setProperty("database.hostname", database.host());
        props.setProperty("database.port", Integer.toString(port(cdc)));
        props.setProperty("database.user", database.user());
        props.setProperty("database.password", database.password() == null ? "" : database.password());
    }

    private static void postgres(CdcProperties cdc, Properties props) {
        props.setProperty("database.dbname", cdc.database().name());
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", cdc.postgres().slotName());
        props.setProperty("publication.name", cdc.postgres().publication());
        props.setProperty("publication.autocreate.mode", "disabled");
    }

    private static void sqlServer(CdcProperties cdc, Properties props) {
        props.setProperty("database.names", cdc.database().name());
        props.setProperty("driver.encrypt", "true");
        props.setProperty("driver.trustServerCertificate", "true");
        props.setProperty("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
        props.setProperty("schema.history.internal.kafka.topic", SCHEMA_HISTORY_TOPIC);
        props.setProperty("schema.history.internal.kafka.bootstrap.servers", cdc.kafka().bootstrapServers());
    }

    /** The database port: as configured, or the connector's usual one when 0. */
    static int port(CdcProperties cdc) {
        return cdc.database().port() == 0 ? cdc.connector().defaultPort() : cdc.database().port();
    }
}
