package io.movierecs.worker.topology;

import io.movierecs.events.CatalogTable;
import io.movierecs.events.MovieVector;
import io.movierecs.events.Topic;
import io.movierecs.events.Topics;
import io.movierecs.worker.WorkerMetrics;
import io.movierecs.worker.change.CatalogChange;
import io.movierecs.worker.change.CatalogChangeSerde;
import io.movierecs.worker.change.Keys;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The worker's topology:
 *
 * <pre>
 * people ──────────────────────────┐
 * movie_people ─ by person ────────┴─ PersonProcessor (names, credits per person) ─ by movie ─┐
 * movies ─────────────────────────────────────────────────────────────────────────────────────┴─ MovieProcessor
 *   ─ movie-vectors (vectors and tombstones)
 * every input: poison records, wrapped keys and records that make a processor fail ─ &lt;topic&gt;.dlq;
 * texts the model rejects ─ &lt;movies topic&gt;.dlq (the movie's last row, replayable)
 * </pre>
 *
 * Records the worker routes itself are keyed like Debezium's ({@link Keys}), so they meet a table's own
 * records in the same partition: a movies change goes straight to the MovieProcessor, with no extra hop.
 */
public final class WorkerTopology {

    private static final Serde<String> STRING = Serdes.String();

    private WorkerTopology() {
    }

    public static StreamsBuilder build(StreamsBuilder builder, TopologySettings settings, Embedder embedder,
            WorkerMetrics metrics) {
        Map<CatalogTable, Topic<String, String>> topics = Topics.catalog(settings.topicPrefix(), settings.schema());
        Serde<CatalogChange> changes = new CatalogChangeSerde();
        addStores(builder);

        KStream<String, CatalogChange> movies = parsed(builder, topics, CatalogTable.MOVIES, metrics);
        KStream<String, CatalogChange> people = parsed(builder, topics, CatalogTable.PEOPLE, metrics);
        KStream<String, CatalogChange> creditsByPerson = parsed(builder, topics, CatalogTable.MOVIE_PEOPLE, metrics)
                .selectKey((key, change) -> Keys.person(change.personId()), Named.as("credit-by-person"))
                .repartition(Repartitioned.with(STRING, changes).withName("credits-by-person")
                        .withNumberOfPartitions(settings.peoplePartitions()));

        KStream<String, Routed> routed = people.merge(creditsByPerson, Named.as("person-input"))
                .process(() -> new PersonProcessor(metrics, settings), Named.as("person-processor"),
                        PersonProcessor.NAMES, PersonProcessor.CREDITS);
        deadLetters(routed.filter((key, out) -> out.isDeadLetter(), Named.as("person-failed"))
                .mapValues(Routed::deadLetter, Named.as("person-dead-letter")), "person-dlq");
        KStream<String, CatalogChange> movieEvents = routed
                .filter((key, out) -> !out.isDeadLetter(), Named.as("person-routed"))
                .mapValues(Routed::change, Named.as("person-change"))
                .repartition(Repartitioned.with(STRING, changes).withName("movie-events")
                        .withNumberOfPartitions(settings.moviesPartitions()));

        KStream<String, Emitted> emitted = movies.merge(movieEvents, Named.as("movie-input"))
                .process(() -> new MovieProcessor(embedder, metrics, settings),
                        Named.as("movie-processor"), MovieProcessor.ROWS, MovieProcessor.CREDITS,
                        MovieProcessor.EMBEDDED, MovieProcessor.PENDING);

        Topic<Long, MovieVector> vectors = Topics.MOVIE_VECTORS;
        deadLetters(emitted.filter((key, out) -> out.isDeadLetter(), Named.as("movie-failed"))
                .mapValues(Emitted::deadLetter, Named.as("movie-dead-letter")), "movie-dlq");
        emitted.filter((key, out) -> !out.isDeadLetter(), Named.as("movie-emitted"))
                .map((key, value) -> KeyValue.pair(value.movieId(), value.vector()), Named.as("movie-vector"))
                .to(vectors.name(), Produced.with(vectors.keySerde(), vectors.valueSerde()).withName("vectors"));
        return builder;
    }

    /** A catalog topic parsed into changes; its poison records go to its dead-letter topic. */
    private static KStream<String, CatalogChange> parsed(StreamsBuilder builder,
            Map<CatalogTable, Topic<String, String>> topics, CatalogTable table, WorkerMetrics metrics) {
        Topic<String, String> topic = topics.get(table);
        String name = table.tableName();
        KStream<String, Parsed> parsed = builder.stream(topic.name(), Consumed.with(STRING, STRING).withName(name))
                .process(() -> new ParseProcessor(table, metrics), Named.as("parse-" + name));
        parsed.filter((key, value) -> value.isPoison(), Named.as("poison-" + name))
                .mapValues(Parsed::poisonValue, Named.as("poison-value-" + name))
                .to(topic.deadLetters().name(), Produced.with(STRING, STRING).withName("dlq-" + name));
        return parsed.filter((key, value) -> !value.isPoison(), Named.as("good-" + name))
                .mapValues(Parsed::change, Named.as("change-" + name));
    }

    /** Writes dead letters to their topics, with their own key and value (headers travel on the record). */
    private static void deadLetters(KStream<String, DeadLetter> letters, String name) {
        letters.selectKey((key, letter) -> letter.key(), Named.as(name + "-key"))
                .to((key, letter, context) -> letter.topic(),
                        Produced.with(STRING, DeadLetter.valueSerde()).withName(name));
    }

    /**
     * In-memory stores, changelogged: a restart restores them from Kafka. RocksDB was measured here and lost:
     * an exactly-once commit every 20 ms flushes every RocksDB store each time.
     */
    private static void addStores(StreamsBuilder builder) {
        for (String store : new String[] {PersonProcessor.NAMES, PersonProcessor.CREDITS, MovieProcessor.ROWS,
            MovieProcessor.CREDITS, MovieProcessor.EMBEDDED, MovieProcessor.PENDING}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), STRING, STRING));
        }
    }
}
