package io.movierecs.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A movie id as its decimal text, so keys read plainly in any Kafka tool. */
public final class MovieIdSerde implements Serde<Long> {

    @Override
    public Serializer<Long> serializer() {
        return (topic, id) -> id == null ? null : Long.toString(id).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Deserializer<Long> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            String text = new String(bytes, StandardCharsets.US_ASCII);
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new SerializationException("a movie id key must be a decimal number, not '" + text + "'");
            }
        };
    }
}
