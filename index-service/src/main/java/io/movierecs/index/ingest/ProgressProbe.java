package io.movierecs.index.ingest;

import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.metrics.IndexMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks Kafka every few seconds (short timeouts, its own Admin client, never the consumer thread) for the end of
 * every partition of the topic (the last stable offset, as a read_committed consumer sees it), and compares it
 * with what the index has applied: the lag gauge, the start-up catch-up target, and progress while idle (Kafka
 * answered and nothing is left to read). Kafka down, frozen or unreachable: no progress, and the reason says so.
 */
final class ProgressProbe implements Runnable {

    private final Admin admin;
    private final String topic;
    private final long timeoutMs;
    private final LiveIndex live;
    private final Progress progress;
    private final IndexMetrics metrics;
    private final IngestService ingest;

    ProgressProbe(Admin admin, String topic, long timeoutMs, LiveIndex live, Progress progress, IndexMetrics metrics,
            IngestService ingest) {
        this.admin = admin;
        this.topic = topic;
        this.timeoutMs = timeoutMs;
        this.live = live;
        this.progress = progress;
        this.metrics = metrics;
        this.ingest = ingest;
    }

    @Override
    public void run() {
        try {
            probe();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                ingest.waitingForTopic();
                progress.progressed("topic " + topic + " does not exist yet; waiting for it");
            } else {
                progress.waiting("Kafka unreachable: " + e.getCause());
            }
        } catch (TimeoutException e) {
            progress.waiting("Kafka unreachable: no answer within " + timeoutMs + " ms");
        } catch (RuntimeException e) {
            progress.waiting("Kafka probe failed: " + e);
        }
    }

    private void probe() throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(timeoutMs, TimeUnit.MILLISECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        Map<Integer, Long> endByPartition = new HashMap<>();
        ends.forEach((partition, info) -> endByPartition.put(partition.partition(), info.offset()));
        progress.target(endByPartition);
        Map<Integer, Long> applied = live.offsets();
        long lag = 0;
        for (Map.Entry<Integer, Long> end : endByPartition.entrySet()) {
            lag += Math.max(0, end.getValue() - applied.getOrDefault(end.getKey(), 0L));
        }
        metrics.lag(lag);
        ingest.checkCaughtUp();
        if (lag == 0) {
            progress.progressed("idle: Kafka answered and every partition is applied to its end");
        } else {
            progress.waiting("behind by " + lag + " records");
        }
    }
}
