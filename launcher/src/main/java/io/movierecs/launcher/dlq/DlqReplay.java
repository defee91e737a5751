package io.movierecs.launcher.dlq;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays one dead-letter topic up to its end at the start: each dead letter's key and value go, unchanged, to
 * its source topic and partition, unless it is marked {@code dlq.replayable=false} or a later record with the same
 * key is in the source partition (superseded). Progress is committed under the consumer group
 * {@value #GROUP} after every batch, so a second replay continues where the first stopped and re-injects nothing.
 */
public final class DlqReplay {

    public static final String GROUP = "movie-recs-dlq-replay";
    private static final Duration POLL = Duration.ofMillis(500);

    /** What a replay did. */
    public record Summary(long replayed, long superseded, long notReplayable) {
        public long read() {
            return replayed + superseded + notReplayable;
        }
    }

    private final String bootstrapServers;
    private final boolean dryRun;
    private final PrintStream out;

    public DlqReplay(String bootstrapServers, boolean dryRun, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.dryRun = dryRun;
        this.out = out;
    }

    public Summary replay(String topic) throws InterruptedException, ExecutionException {
        try (Consumer<byte[], byte[]> deadLetters = new KafkaConsumer<>(consumerProperties(GROUP));
                Consumer<byte[], byte[]> sources = new KafkaConsumer<>(consumerProperties(null));
                Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            List<TopicPartition> partitions = deadLetters.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("no topic named " + topic);
            }
            deadLetters.assign(partitions);
            Map<TopicPartition, Long> end = deadLetters.endOffsets(partitions);
            resumeFromCommitted(deadLetters, partitions);
            Pass pass = new Pass(producer, new LatestOffsets(sources));
            while (partitions.stream().anyMatch(p -> deadLetters.position(p) < end.get(p))) {
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : deadLetters.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        pass.handle(record);
                        done.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                }
                if (!done.isEmpty() && !dryRun) {
                    producer.flush();
                    deadLetters.commitSync(done);
                }
            }
            Summary summary = pass.summary();
            out.printf("%s%s: %d dead letters read, %d replayed, %d superseded, %d not replayable%n",
                    dryRun ? "dry run, nothing produced or committed: " : "", topic, summary.read(),
                    summary.replayed(), summary.superseded(), summary.notReplayable());
            return summary;
        }
    }

    private static void resumeFromCommitted(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    /** One replay's decisions and counts. */
    private final class Pass {
        private final Producer<byte[], byte[]> producer;
        private final LatestOffsets latest;
        private long replayed;
        private long superseded;
        private long notReplayable;

        Pass(Producer<byte[], byte[]> producer, LatestOffsets latest) {
            this.producer = producer;
            this.latest = latest;
        }

        void handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException, ExecutionException {
            DeadLetter letter = DeadLetter.of(record);
            String where = record.topic() + "-" + record.partition() + "@" + record.offset() + " (from "
                    + letter.source() + "@" + letter.sourceOffset() + ")";
            if (!letter.replayable()) {
                notReplayable++;
                out.println("not replayable: " + where + ": " + letter.error());
            } else if (latest.supersedes(letter.source(), letter.key(), letter.sourceOffset())) {
                superseded++;
                out.println("superseded: " + where);
            } else {
                replayed++;
                if (!dryRun) {
                    RecordMetadata sent = producer.send(new ProducerRecord<>(letter.source().topic(),
                            letter.source().partition(), letter.key(), letter.value())).get();
                    latest.produced(letter.source(), letter.key(), sent.offset());
                }
                out.println((dryRun ? "would replay: " : "replayed: ") + where);
            }
        }

        Summary summary() {
            return new Summary(replayed, superseded, notReplayable);
        }
    }

    private Properties consumerProperties(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return p;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }
}
