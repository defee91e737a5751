package io.movierecs.events;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link MovieVector} as JSON: {@code vector} is base64 of little-endian float32 and {@code dim} its length.
 * {@code directors} and {@code cast} (lists of names, billing order) are optional: a value without them reads
 * as empty lists. A null value (tombstone) stays null. A malformed value is a {@link SerializationException} naming the field.
 */
public final class MovieVectorSerde implements Serde<MovieVector> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public Serializer<MovieVector> serializer() {
        return (topic, vector) -> vector == null ? null : toJson(vector);
    }

    @Override
    public Deserializer<MovieVector> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromJson(bytes);
    }

    public static byte[] toJson(MovieVector v) {
        ObjectNode json = JSON.createObjectNode();
        json.put("schemaVersion", v.schemaVersion());
        json.put("movieId", v.movieId());
        json.put("modelId", v.modelId());
        json.put("dim", v.dim());
        json.put("vector", encode(v.vector()));
        json.put("textHash", v.textHash());
        json.put("title", v.title());
        if (v.year() == null) {
            json.putNull("year");
        } else {
            json.put("year", v.year());
        }
        ArrayNode genres = json.putArray("genres");
        v.genres().forEach(genres::add);
        json.put("posterUrl", v.posterUrl());
        json.put("sourceTsMs", v.sourceTsMs());
        json.put("sourceVersion", v.sourceVersion());
        json.put("embeddedAtMs", v.embeddedAtMs());
        ArrayNode directors = json.putArray("directors");
        v.directors().forEach(directors::add);
        ArrayNode cast = json.putArray("cast");
        v.cast().forEach(cast::add);
        return JSON.writeValueAsBytes(json);
    }

    public static MovieVector fromJson(byte[] bytes) {
        try {
            JsonNode json = JSON.readTree(bytes);
            int schemaVersion = required(json, "schemaVersion").asInt();
            if (schemaVersion < 1 || schemaVersion > MovieVector.SCHEMA_VERSION) {
                throw new SerializationException("unsupported movie-vectors schemaVersion " + schemaVersion);
            }
            float[] vector = decode(required(json, "vector").asString());
            int dim = required(json, "dim").asInt();
            if (dim != vector.length) {
                throw new SerializationException("dim is " + dim + " but the vector has " + vector.length + " floats");
            }
            List<String> genres = new ArrayList<>();
            json.path("genres").forEach(genre -> genres.add(genre.asString()));
            JsonNode year = json.path("year");
            return new MovieVector(schemaVersion, required(json, "movieId").asLong(),
                    required(json, "modelId").asString(), vector, required(json, "textHash").asString(),
                    required(json, "title").asString(), year.isNumber() ? year.asInt() : null, genres,
                    json.path("posterUrl").isString() ? json.path("posterUrl").asString() : null,
                    json.path("sourceTsMs").asLong(0), required(json, "sourceVersion").asString(),
                    json.path("embeddedAtMs").asLong(0), names(json, "directors"), names(json, "cast"));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new SerializationException("not a movie-vectors value: " + e.getMessage(), e);
        }
    }

    /** An optional list of names (absent in vectors written before credits were added): empty then. */
    private static List<String> names(JsonNode json, String field) {
        List<String> names = new ArrayList<>();
        json.path(field).forEach(name -> {
            if (name.isString()) {
                names.add(name.asString());
            }
        });
        return names;
    }

    private static JsonNode required(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new SerializationException("movie-vectors value without " + field);
        }
        return node;
    }

    static String encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    static float[] decode(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        if (bytes.length % Float.BYTES != 0) {
            throw new SerializationException("vector has " + bytes.length + " bytes, not a whole number of float32");
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
