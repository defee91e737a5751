package io.movierecs.index.ingest;

import io.movierecs.events.MovieVector;
import io.movierecs.events.Topics;
import io.movierecs.index.live.Change;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a raw {@code movie-vectors} record into a {@link Change}, or says why it is poison: a key that is not
 * a movie id, a value that does not parse, a value for another movie than its key, a vector of the wrong
 * dimension or with non-finite values.
 */
final class RecordDecoder {

    private final Deserializer<Long> keys = Topics.MOVIE_VECTORS.keySerde().deserializer();
    private final Deserializer<MovieVector> values = Topics.MOVIE_VECTORS.valueSerde().deserializer();
    private final int dimension;

    RecordDecoder(int dimension) {
        this.dimension = dimension;
    }

    Change decode(ConsumerRecord<byte[], byte[]> record) throws PoisonRecordException {
        if (record.key() == null) {
            throw new PoisonRecordException("record without a key (the key must be the movie id)");
        }
        long movieId;
        try {
            movieId = keys.deserialize(record.topic(), record.key());
        } catch (RuntimeException e) {
            throw new PoisonRecordException("bad key: " + e.getMessage(), e);
        }
        if (record.value() == null) {
            return Change.delete(movieId);
        }
        MovieVector vector;
        try {
            vector = values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            throw new PoisonRecordException("bad value: " + e.getMessage(), e);
        }
        if (vector.movieId() != movieId) {
            throw new PoisonRecordException("value is for movie " + vector.movieId() + " but the key is " + movieId);
        }
        if (vector.dim() != dimension) {
            throw new PoisonRecordException("vector has " + vector.dim() + " dimensions; the index holds "
                    + dimension);
        }
        for (float value : vector.vector()) {
            if (!Float.isFinite(value)) {
                throw new PoisonRecordException("vector holds a non-finite value");
            }
        }
        return Change.upsert(vector);
    }
}
