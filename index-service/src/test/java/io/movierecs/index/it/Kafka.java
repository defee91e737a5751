package io.movierecs.index.it;

import io.movierecs.events.MovieVector;
import io.movierecs.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real KRaft broker for one test class, the movie-vectors topic, and producers of its records. */
final class Kafka implements AutoCloseable {

    final EmbeddedKafkaKraftBroker broker;
    private final KafkaProducer<Long, MovieVector> vectors;
    private final KafkaProducer<byte[], byte[]> raw;

    Kafka(int partitions) throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.MOVIE_VECTORS.name(), partitions, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        vectors = new KafkaProducer<>(config, Topics.MOVIE_VECTORS.keySerde().serializer(),
                Topics.MOVIE_VECTORS.valueSerde().serializer());
        raw = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    void sendTo(String topic, MovieVector vector) throws Exception {
        vectors.send(new ProducerRecord<>(topic, vector.movieId(), vector)).get(30, TimeUnit.SECONDS);
    }

    void sendToPartition(int partition, MovieVector vector) throws Exception {
        vectors.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(), partition, vector.movieId(), vector))
                .get(30, TimeUnit.SECONDS);
    }

    String servers() {
        return broker.getBrokersAsString();
    }

    /** Sends and waits for the broker's acknowledgement. */
    void send(MovieVector vector) throws Exception {
        vectors.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(), vector.movieId(), vector)).get(30,
                TimeUnit.SECONDS);
    }

    void sendAll(List<MovieVector> batch) throws Exception {
        var futures = batch.stream().map(v -> vectors.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(),
                v.movieId(), v))).toList();
        for (var future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends without waiting; a null vector is a tombstone. Order per movie is kept (one idempotent producer). */
    java.util.concurrent.Future<?> sendAsync(long movieId, MovieVector vector) {
        return vectors.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(), movieId, vector));
    }

    void tombstone(long movieId) throws Exception {
        vectors.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(), movieId, null)).get(30, TimeUnit.SECONDS);
    }

    void sendRaw(byte[] key, byte[] value) throws Exception {
        raw.send(new ProducerRecord<>(Topics.MOVIE_VECTORS.name(), key, value)).get(30, TimeUnit.SECONDS);
    }

    /** Reads {@code count} records of a topic from its beginning, waiting up to 30 s. */
    List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        vectors.close();
        raw.close();
        broker.destroy();
    }
}
