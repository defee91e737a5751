package io.movierecs.worker;

import io.movierecs.events.MovieVector;
import io.movierecs.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real KRaft broker set up like production: transactions, no auto-created topics, catalog topics made. */
final class WorkerCluster implements AutoCloseable {

    static final String PREFIX = "catalog";

    final EmbeddedKafkaKraftBroker kafka;
    final KafkaProducer<String, String> producer;

    WorkerCluster() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of("auto.create.topics.enable", "false",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1", "group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String table : List.of("movies", "people", "movie_people")) {
                topics.add(new NewTopic(PREFIX + ".public." + table, 3, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    String brokers() {
        return kafka.getBrokersAsString();
    }

    void send(String table, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(PREFIX + ".public." + table, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + table, e);
        }
    }

    /** A read_committed consumer of movie-vectors from the beginning. */
    KafkaConsumer<Long, MovieVector> vectorConsumer() {
        return vectorConsumer(brokers());
    }

    /** A read_committed consumer of movie-vectors from the beginning, on any broker. */
    static KafkaConsumer<Long, MovieVector> vectorConsumer(String brokers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "vectors-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        KafkaConsumer<Long, MovieVector> consumer = new KafkaConsumer<>(props,
                Topics.MOVIE_VECTORS.keySerde().deserializer(), Topics.MOVIE_VECTORS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.MOVIE_VECTORS.name()));
        return consumer;
    }

    static List<ConsumerRecord<Long, MovieVector>> poll(KafkaConsumer<Long, MovieVector> consumer) {
        List<ConsumerRecord<Long, MovieVector>> records = new ArrayList<>();
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return records;
    }

    @Override
    public void close() {
        producer.close();
        kafka.destroy();
    }
}
