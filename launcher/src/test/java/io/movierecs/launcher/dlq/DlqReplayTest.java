package io.movierecs.launcher.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The replay against a real broker: a replayable dead letter goes back to its source partition with its key and
 * value unchanged; one whose key has a later record there is superseded; one marked {@code dlq.replayable=false}
 * stays; a second replay re-injects nothing; a dry run produces nothing.
 */
class DlqReplayTest {

    private static final String SOURCE = "catalog.public.movies";
    private static final String DLQ = SOURCE + ".dlq";
    private static final String DRY_SOURCE = "movie-vectors";
    private static final String DRY_DLQ = DRY_SOURCE + ".dlq";

    static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, SOURCE, DLQ, DRY_SOURCE, DRY_DLQ);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void replaysWhatIsStillCurrentSkipsWhatIsSupersededOrTruncatedAndNeverTwice() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(SOURCE, "{\"movie_id\":1}", "one")).get();
            producer.send(new ProducerRecord<>(SOURCE, "{\"movie_id\":2}", "two")).get();
            producer.send(new ProducerRecord<>(SOURCE, "{\"movie_id\":3}", "three")).get();
            producer.send(new ProducerRecord<>(SOURCE, "{\"movie_id\":2}", "two, edited")).get();
            producer.send(deadLetter(DLQ, SOURCE, 0, "{\"movie_id\":1}", "one", true)).get();
            producer.send(deadLetter(DLQ, SOURCE, 1, "{\"movie_id\":2}", "two", true)).get();
            producer.send(deadLetter(DLQ, SOURCE, 2, "{\"movie_id\":3}", "thr", false)).get();
        }

        DlqReplay.Summary first = replay(false, DLQ);

        assertThat(first).isEqualTo(new DlqReplay.Summary(1, 1, 1));
        List<ConsumerRecord<String, String>> source = read(SOURCE);
        assertThat(source).hasSize(5);
        ConsumerRecord<String, String> replayed = source.get(4);
        assertThat(replayed.key()).isEqualTo("{\"movie_id\":1}");
        assertThat(replayed.value()).isEqualTo("one");
        assertThat(replayed.partition()).isZero();
        assertThat(replayed.headers().toArray()).isEmpty();

        assertThat(replay(false, DLQ)).as("a second replay").isEqualTo(new DlqReplay.Summary(0, 0, 0));
        assertThat(read(SOURCE)).hasSize(5);
    }

    @Test
    void aDryRunProducesAndCommitsNothing() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(DRY_SOURCE, "7", "vector")).get();
            producer.send(deadLetter(DRY_DLQ, DRY_SOURCE, 0, "7", "vector", true)).get();
        }

        assertThat(replay(true, DRY_DLQ)).isEqualTo(new DlqReplay.Summary(1, 0, 0));
        assertThat(read(DRY_SOURCE)).hasSize(1);
        assertThat(replay(true, DRY_DLQ)).as("nothing was committed").isEqualTo(new DlqReplay.Summary(1, 0, 0));
    }

    private static DlqReplay.Summary replay(boolean dryRun, String topic) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DlqReplay.Summary summary = new DlqReplay(broker.getBrokersAsString(), dryRun,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).replay(topic);
        System.out.print(printed.toString(StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(topic + ": " + summary.read()
                + " dead letters read, " + summary.replayed() + " replayed, " + summary.superseded() + " superseded, "
                + summary.notReplayable() + " not replayable");
        return summary;
    }

    private static ProducerRecord<String, String> deadLetter(String dlq, String source, long offset, String key,
            String value, boolean replayable) {
        ProducerRecord<String, String> record = new ProducerRecord<>(dlq, key, value);
        record.headers().add("dlq.error", "boom".getBytes(StandardCharsets.UTF_8))
                .add("dlq.error.class", "java.lang.IllegalStateException".getBytes(StandardCharsets.UTF_8))
                .add("dlq.source.topic", source.getBytes(StandardCharsets.UTF_8))
                .add("dlq.source.partition", "0".getBytes(StandardCharsets.UTF_8))
                .add("dlq.source.offset", Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        if (!replayable) {
            record.headers().add("dlq.replayable", "false".getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> read(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
