package io.movierecs.launcher.chaos;

import io.movierecs.launcher.BrokerProcess;
import io.movierecs.launcher.JsonHttp;
import io.movierecs.launcher.Services;
import io.movierecs.launcher.Stack;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the pipeline is quiet: the broker and every service ready, nothing left to process (no committed
 * record past the worker group's offsets, nor past the offsets index-service has applied), and neither the index
 * generation nor the end offset of any topic changed for {@code quiet}. Returns how long it took, or -1 at
 * {@code timeout}. Without the backlog check a consumer that is stuck (a killed worker's partitions waiting for
 * its session to expire) would look the same as one that is done.
 */
final class Quiet {

    private static final String TOPIC = "movie-vectors";
    private static final String WORKER_GROUP = "embedding-worker";

    private final Stack stack;
    private final JsonHttp index;

    Quiet(Stack stack) {
        this.stack = stack;
        this.index = new JsonHttp(stack.url(Services.INDEX_SERVICE));
    }

    long await(Duration quiet, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String last = null;
        long since = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5000)); Backlog backlog = new Backlog(stack.bootstrapServers())) {
            while (System.nanoTime() < deadline) {
                String state = state(admin, backlog);
                long now = System.nanoTime();
                if (state == null || !state.equals(last)) {
                    last = state;
                    since = now;
                } else if (now - since >= quiet.toNanos()) {
                    return TimeUnit.NANOSECONDS.toMillis(since - start);
                }
                Thread.sleep(500);
            }
        }
        return -1;
    }

    /** Everything that moves, as one string; null while something is not ready. */
    private String state(Admin admin, Backlog backlog) throws InterruptedException {
        if (!stack.isReady(BrokerProcess.NAME)) {
            return null;
        }
        for (String service : stack.services()) {
            if (!stack.isReady(service)) {
                return null;
            }
        }
        try {
            JsonHttp.Reply reply = index.get("/internal/v1/index");
            if (reply.status() != 200) {
                return null;
            }
            if (!reply.body().path("ready").asBoolean(false)) {
                return null;
            }
            Map<TopicPartition, Long> applied = new HashMap<>();
            reply.body().path("offsets").properties().forEach(entry -> applied.put(
                    new TopicPartition(TOPIC, Integer.parseInt(entry.getKey())), entry.getValue().asLong()));
            if (backlog.after(withAllPartitions(admin, TOPIC, applied)) != 0
                    || backlog.after(workerOffsets(admin)) != 0) {
                return null;
            }
            String offsets = endOffsets(admin);
            return offsets == null ? null : "generation " + reply.body().path("generation").asLong() + " " + offsets;
        } catch (RuntimeException notAnswering) {
            return null;
        }
    }

    /** The worker group's committed offsets, every partition of the topics it reads (0 where none committed). */
    private static Map<TopicPartition, Long> workerOffsets(Admin admin) {
        try {
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(WORKER_GROUP).partitionsToOffsetAndMetadata().get()
                    .forEach((partition, offset) -> committed.put(partition, offset == null ? 0 : offset.offset()));
            Map<TopicPartition, Long> all = new HashMap<>();
            for (String topic : committed.keySet().stream().map(TopicPartition::topic).distinct().toList()) {
                all.putAll(withAllPartitions(admin, topic, committed));
            }
            return all;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + WORKER_GROUP, e);
        }
    }

    /** {@code offsets} of {@code topic}, with 0 for each of its partitions that has none. */
    private static Map<TopicPartition, Long> withAllPartitions(Admin admin, String topic,
            Map<TopicPartition, Long> offsets) {
        try {
            Map<TopicPartition, Long> all = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().forEach(p -> {
                TopicPartition partition = new TopicPartition(topic, p.partition());
                all.put(partition, offsets.getOrDefault(partition, 0L));
            });
            return all;
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        }
    }

    /** Every topic partition's end offset, or null when the broker does not answer. */
    private static String endOffsets(Admin admin) {
        try {
            var partitions = admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()
                    .stream().flatMap(topic -> topic.partitions().stream()
                            .map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions).all()
                    .get();
            return new java.util.TreeMap<>(ends.entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().toString(), e -> e.getValue().offset()))).toString();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }
}
