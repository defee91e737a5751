package io.movierecs.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches one topic (read_committed, as the pipeline's own consumers read) for titles "LABEL N" and notes when
 * each N first became readable there: the freshness benchmark splits commit -> visible at the catalog topic
 * (catalog-cdc) and at {@code movie-vectors} (the worker, committed). One consumer thread, assigned every
 * partition from the end; it fetches only when records are there, so it adds little load.
 */
final class StageProbe implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Pattern title;
    private final Map<Integer, Long> seenNanos = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    StageProbe(String bootstrapServers, String topic, String label) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.title = Pattern.compile("\"title\":\"" + Pattern.quote(label) + " (\\d+)\"");
        thread = new Thread(this::run, "stage-probe-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    long now = System.nanoTime();
                    if (record.value() == null) {
                        continue;
                    }
                    // a catalog record carries the title twice (before and after): the later one is the new title
                    Matcher m = title.matcher(new String(record.value(), StandardCharsets.UTF_8));
                    Integer last = null;
                    while (m.find()) {
                        last = Integer.valueOf(m.group(1));
                    }
                    if (last != null) {
                        seenNanos.putIfAbsent(last, now);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** When update N first became readable on the topic, or null if it was never seen (it was overtaken). */
    Long seenNanos(int update) {
        return seenNanos.get(update);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
