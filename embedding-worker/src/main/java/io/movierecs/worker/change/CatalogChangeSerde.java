package io.movierecs.worker.change;

import io.movierecs.events.CatalogTable;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@link CatalogChange} as compact JSON, for the worker's internal repartition topics. */
public final class CatalogChangeSerde implements Serde<CatalogChange> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public Serializer<CatalogChange> serializer() {
        return (topic, change) -> {
            if (change == null) {
                return null;
            }
            ObjectNode json = JSON.createObjectNode();
            json.put("table", change.table().name());
            json.put("op", change.op().code());
            json.set("row", change.row());
            json.put("tsMs", change.tsMs());
            json.put("version", change.version());
            return JSON.writeValueAsBytes(json);
        };
    }

    @Override
    public Deserializer<CatalogChange> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                JsonNode json = JSON.readTree(bytes);
                return new CatalogChange(CatalogTable.valueOf(json.path("table").asString()),
                        Op.of(json.path("op").asString()), (ObjectNode) json.path("row"), json.path("tsMs").asLong(),
                        json.path("version").asString());
            } catch (JacksonException | ClassCastException | IllegalArgumentException e) {
                throw new SerializationException("not a worker catalog change: " + e.getMessage(), e);
            }
        };
    }
}
