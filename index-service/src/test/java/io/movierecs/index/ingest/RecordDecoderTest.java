package io.movierecs.index.ingest;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierecs.events.MovieVectorSerde;
import io.movierecs.index.live.Change;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What is a change and what is a dead letter. */
class RecordDecoderTest {

    private final RecordDecoder decoder = new RecordDecoder(4);

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("movie-vectors", 0, 0, key == null ? null : key.getBytes(StandardCharsets.US_ASCII),
                value);
    }

    @Test
    void upsertAndTombstone() throws Exception {
        Change upsert = decoder.decode(record("42", MovieVectorSerde.toJson(movie(42, 1, new float[] {1, 0, 0, 0}))));
        Change delete = decoder.decode(record("42", null));

        assertThat(upsert.isDelete()).isFalse();
        assertThat(upsert.vector().title()).isEqualTo("Movie 42");
        assertThat(delete.isDelete()).isTrue();
        assertThat(delete.movieId()).isEqualTo(42);
    }

    @Test
    void poison() {
        byte[] good = MovieVectorSerde.toJson(movie(42, 1, new float[] {1, 0, 0, 0}));
        assertPoison(record(null, good), "without a key");
        assertPoison(record("forty-two", good), "bad key");
        assertPoison(record("42", "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8)), "bad value");
        assertPoison(record("42", new byte[] {(byte) 0xff, 0x00}), "bad value");
        assertPoison(record("43", good), "value is for movie 42 but the key is 43");
        assertPoison(record("42", MovieVectorSerde.toJson(movie(42, 1, new float[] {1, 0, 0}))), "3 dimensions");
        assertPoison(record("42", MovieVectorSerde.toJson(movie(42, 1, new float[] {Float.NaN, 0, 0, 0}))),
                "non-finite");
    }

    private void assertPoison(ConsumerRecord<byte[], byte[]> record, String message) {
        assertThatThrownBy(() -> decoder.decode(record)).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining(message);
    }
}
