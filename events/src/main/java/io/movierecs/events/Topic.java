package io.movierecs.events;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic named once, with the serdes of its key and value.
 *
 * @param name the topic name
 * @param keySerde how keys are written
 * @param valueSerde how values are written
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a topic name must not be blank");
        }
    }

    /** The dead-letter topic for records of this one that could not be processed. */
    public Topic<byte[], byte[]> deadLetters() {
        return new Topic<>(name + ".dlq", org.apache.kafka.common.serialization.Serdes.ByteArray(),
                org.apache.kafka.common.serialization.Serdes.ByteArray());
    }
}
