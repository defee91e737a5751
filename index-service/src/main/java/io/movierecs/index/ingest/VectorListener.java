package io.movierecs.index.ingest;

import io.movierecs.index.live.ApplyResult;
import io.movierecs.index.live.Change;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.live.Retrainer;
import io.movierecs.index.metrics.IndexMetrics;
import io.movierecs.index.snapshot.Snapshotter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * The batch listener the container calls on its consumer thread: decode, dead-letter poison records, apply the
 * rest with the positions reached (so offsets and data change together), then snapshot when due and retrain
 * when the index grew. Seeks each assigned partition to the offset the index has applied (the restored
 * snapshot's, or what was applied before a rebalance), or to the beginning for a partition it never read (a
 * new one included). Between batches, while idle, records the positions reached past transaction markers and
 * takes due snapshots. An exception (not the record's fault: a poison record never throws) makes the
 * container's error handler retry the batch with backoff.
 */
final class VectorListener implements BatchConsumerAwareMessageListener<byte[], byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(VectorListener.class);

    private final LiveIndex live;
    private final RecordDecoder decoder;
    private final DeadLetterPublisher deadLetters;
    private final Snapshotter snapshotter;
    private final Retrainer retrainer;
    private final IndexMetrics metrics;
    private final Progress progress;
    private final IngestService ingest;
    private final Set<String> deadLettered = new HashSet<>();

    VectorListener(LiveIndex live, RecordDecoder decoder, DeadLetterPublisher deadLetters, Snapshotter snapshotter,
            Retrainer retrainer, IndexMetrics metrics, Progress progress, IngestService ingest) {
        this.live = live;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.snapshotter = snapshotter;
        this.retrainer = retrainer;
        this.metrics = metrics;
        this.progress = progress;
        this.ingest = ingest;
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        List<Change> changes = new ArrayList<>(records.size());
        Map<Integer, Long> positions = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            positions.put(record.partition(), record.offset() + 1);
            try {
                changes.add(decoder.decode(record));
            } catch (PoisonRecordException e) {
                deadLetter(record, e);
            }
        }
        for (Integer partition : positions.keySet()) {
            TopicPartition tp = new TopicPartition(records.get(0).topic(), partition);
            positions.put(partition, Math.max(positions.get(partition), consumer.position(tp)));
        }
        ApplyResult result = live.apply(changes, positions);
        deadLettered.clear();
        metrics.applied(result, progress.caughtUp());
        snapshotter.changesApplied(result.changed());
        progress.progressed("applied a batch of " + records.size() + " records");
        ingest.checkCaughtUp();
        snapshotter.takeIfDue(live::offsets);
        if (progress.caughtUp()) {
            retrainer.maybeStart();
        }
    }

    /** Sends a poison record to the dead-letter topic once per batch attempt; a failed send throws (retried). */
    private void deadLetter(ConsumerRecord<byte[], byte[]> record, PoisonRecordException e) {
        String where = record.partition() + "@" + record.offset();
        if (!deadLettered.add(where)) {
            return;
        }
        log.warn("dead letter {}-{}: {}", record.topic(), where, e.getMessage());
        try {
            deadLetters.send(record, e);
        } catch (RuntimeException failed) {
            deadLettered.remove(where);
            throw failed;
        }
        metrics.deadLetter();
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<Integer, Long> applied = live.offsets();
        for (TopicPartition partition : assignments.keySet()) {
            Long offset = applied.get(partition.partition());
            if (offset != null) {
                callback.seek(partition.topic(), partition.partition(), offset);
            } else {
                log.info("partition {} not read before: reading it from the beginning", partition);
                callback.seekToBeginning(partition.topic(), partition.partition());
            }
        }
        log.info("assigned {}; resuming at {}", assignments.keySet(), applied);
    }

    @Override
    public void onIdleContainer(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<Integer, Long> positions = new TreeMap<>();
        assignments.forEach((partition, position) -> {
            if (position != null) {
                positions.put(partition.partition(), position);
            }
        });
        live.advance(positions);
        ingest.checkCaughtUp();
        snapshotter.takeIfDue(live::offsets);
    }
}
