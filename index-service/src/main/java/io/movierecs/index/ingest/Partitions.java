package io.movierecs.index.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions of the topic this replica reads, all of them, assigned by hand (no group, no rebalance),
 * and where it stands in each. Touched by the ingest thread only.
 */
final class Partitions {

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Map<TopicPartition, Long> target = new HashMap<>();
    private Set<TopicPartition> assigned = Set.of();

    Partitions(Consumer<byte[], byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /** The topic's partitions now; empty while the topic does not exist. */
    Set<TopicPartition> discover(Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null ? Set.of() : infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                .collect(Collectors.toSet());
    }

    /**
     * Assigns {@code partitions}: those in {@code offsets} resume there, the others start at the beginning.
     * Returns the partitions that were new.
     */
    Set<TopicPartition> assign(Set<TopicPartition> partitions, Map<Integer, Long> offsets) {
        Set<TopicPartition> fresh = partitions.stream().filter(p -> !assigned.contains(p)).collect(Collectors.toSet());
        if (fresh.isEmpty()) {
            return fresh;
        }
        consumer.assign(partitions);
        for (TopicPartition partition : fresh) {
            Long offset = offsets.get(partition.partition());
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(Set.of(partition));
            }
        }
        assigned = Set.copyOf(partitions);
        return fresh;
    }

    /** Remembers the end of every partition now: reaching it is "caught up". */
    void markTarget() {
        target.clear();
        target.putAll(consumer.endOffsets(assigned));
    }

    boolean reachedTarget() {
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The next offset to read per partition (what a snapshot covers). */
    Map<Integer, Long> positions() {
        Map<Integer, Long> positions = new TreeMap<>();
        for (TopicPartition partition : assigned) {
            positions.put(partition.partition(), consumer.position(partition));
        }
        return positions;
    }

    /** Records on the topic not read yet, as of the last fetch. */
    long lag() {
        long lag = 0;
        for (TopicPartition partition : assigned) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        return lag;
    }

    Set<TopicPartition> assigned() {
        return assigned;
    }
}
