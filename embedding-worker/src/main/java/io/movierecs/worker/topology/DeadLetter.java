package io.movierecs.worker.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A record on its way to a dead-letter topic: the topic, and the key and value to write there unchanged (the
 * original record's, or for the worker's own failures the change as a Debezium envelope). The headers travel on
 * the Kafka Streams record ({@link DeadLetters}).
 *
 * @param topic the dead-letter topic, {@code <source topic>.dlq}
 * @param key the key to write
 * @param value the value to write
 */
record DeadLetter(String topic, String key, String value) {

    /** Writes only the value (the key is written by the key serde after {@code selectKey}). */
    static Serde<DeadLetter> valueSerde() {
        return Serdes.serdeFrom((topic, letter) -> letter == null || letter.value() == null ? null
                : letter.value().getBytes(StandardCharsets.UTF_8), (topic, bytes) -> {
                    throw new UnsupportedOperationException("dead letters are only written");
                });
    }
}
