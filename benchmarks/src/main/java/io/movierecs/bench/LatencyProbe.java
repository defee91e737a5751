package io.movierecs.bench;

import io.movierecs.catalog.db.EmbeddedCatalog;
import io.movierecs.events.MovieVector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Single catalog updates, one at a time, each timed from its commit to its vector on {@code movie-vectors}, and
 * split at the change record's timestamp on the catalog topic (set by catalog-cdc's producer when it sends the
 * record): before it is CDC capture, after it the worker alone (consume, embed, exactly-once commit).
 */
final class LatencyProbe {

    private final EmbeddedCatalog catalog;
    private final KafkaConsumer<Long, MovieVector> vectors;
    private final KafkaConsumer<String, String> changes;

    /** Both consumers must already be positioned at the end of their topics. */
    LatencyProbe(EmbeddedCatalog catalog, KafkaConsumer<Long, MovieVector> vectors,
            KafkaConsumer<String, String> changes) {
        this.catalog = catalog;
        this.vectors = vectors;
        this.changes = changes;
    }

    /** Runs the updates (titles of movies 1..50 in turn) and prints total, CDC and worker-only percentiles. */
    void run(int updates) throws Exception {
        List<double[]> samples = new ArrayList<>();
        try (Connection connection = catalog.database().connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE movies SET title = ? WHERE movie_id = ?")) {
            for (int i = 0; i < updates; i++) {
                String title = "Benchmark title " + i;
                update.setString(1, title);
                update.setLong(2, 1 + i % 50);
                long committedMs = System.currentTimeMillis();
                long before = System.nanoTime();
                if (update.executeUpdate() != 1) {
                    continue;
                }
                await(vectors, record -> record.value() != null && title.equals(record.value().title()));
                double totalMs = (System.nanoTime() - before) / 1e6;
                long vectorMs = System.currentTimeMillis();
                long changeMs = await(changes, record -> record.value() != null
                        && record.value().contains("\"title\":\"" + title + "\"")).timestamp();
                samples.add(new double[] {totalMs, changeMs - committedMs, vectorMs - changeMs});
            }
        }
        print("commit -> vector on movie-vectors (CDC + worker)", samples, 0);
        print("  of which commit -> change record on the catalog topic (CDC capture)", samples, 1);
        print("  of which change record -> vector on movie-vectors (worker only)", samples, 2);
    }

    private static void print(String what, List<double[]> samples, int column) {
        double[] values = samples.stream().mapToDouble(sample -> sample[column]).toArray();
        System.out.printf("one catalog update, %s: %s%n", what, new Percentiles(values).summary());
    }

    private static <K, V> ConsumerRecord<K, V> await(KafkaConsumer<K, V> consumer,
            Predicate<ConsumerRecord<K, V>> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(1))) {
                if (wanted.test(record)) {
                    return record;
                }
            }
        }
        throw new IllegalStateException("the awaited record did not arrive within 30 s");
    }
}
