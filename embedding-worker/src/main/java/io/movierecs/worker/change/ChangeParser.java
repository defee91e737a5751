package io.movierecs.worker.change;

import io.movierecs.events.CatalogTable;
import io.movierecs.events.SourceVersion;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Debezium JSON envelope (schemas disabled, or enabled: a {@code payload} wrapper is unwrapped) into a
 * {@link CatalogChange}. The tombstone that follows a delete yields nothing. Anything else that is not a
 * usable change is a {@link PoisonRecordException} saying why.
 */
public final class ChangeParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CatalogTable table;

    public ChangeParser(CatalogTable table) {
        this.table = table;
    }

    public Optional<CatalogChange> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        JsonNode envelope = readJson(value);
        if (envelope.has("payload") && envelope.has("schema")) {
            envelope = envelope.path("payload");
        }
        Op op = Op.of(text(envelope, "op"));
        JsonNode row = op.isDelete() ? envelope.path("before") : envelope.path("after");
        if (!(row instanceof ObjectNode objectRow)) {
            throw new PoisonRecordException("op '" + op.code() + "' without " + (op.isDelete() ? "before" : "after")
                    + " row");
        }
        for (String column : table.keyColumns()) {
            if (objectRow.path(column).isNull() || objectRow.path(column).isMissingNode()) {
                throw new PoisonRecordException(table.tableName() + " row without key column " + column);
            }
        }
        if (table == CatalogTable.MOVIES && !op.isDelete() && !objectRow.path("title").isString()) {
            throw new PoisonRecordException("movies row " + objectRow.path("movie_id") + " without a title");
        }
        JsonNode source = envelope.path("source");
        return Optional.of(new CatalogChange(table, op, objectRow, source.path("ts_ms").asLong(0), version(source)));
    }

    private static JsonNode readJson(String value) {
        try {
            JsonNode json = JSON.readTree(value);
            if (json == null || !json.isObject()) {
                throw new PoisonRecordException("value is not a JSON object");
            }
            return json;
        } catch (JacksonException e) {
            throw new PoisonRecordException("value is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            throw new PoisonRecordException("envelope without '" + field + "'");
        }
        return value.asString();
    }

    /** PostgreSQL: {@code source.lsn} (a number); SQL Server: {@code source.change_lsn} or {@code commit_lsn}. */
    static String version(JsonNode source) {
        JsonNode lsn = source.path("lsn");
        if (lsn.isNumber()) {
            return SourceVersion.ofPostgresLsn(lsn.asLong());
        }
        for (String field : new String[] {"change_lsn", "commit_lsn"}) {
            if (source.path(field).isString()) {
                return source.path(field).asString();
            }
        }
        throw new PoisonRecordException("source without lsn, change_lsn or commit_lsn: cannot order the change");
    }
}
