package io.movierecs.launcher.chaos;

import io.movierecs.launcher.BrokerProcess;
import io.movierecs.launcher.JsonHttp;
import io.movierecs.launcher.Services;
import io.movierecs.launcher.Stack;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the pipeline is quiet: the broker and every service ready, and neither the index generation nor
 * the end offset of any topic changed for {@code quiet}. Returns how long it took, or -1 at {@code timeout}.
 */
final class Quiet {

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
                5000))) {
            while (System.nanoTime() < deadline) {
                String state = state(admin);
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
    private String state(Admin admin) throws InterruptedException {
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
            String offsets = endOffsets(admin);
            return offsets == null ? null : "generation " + reply.body().path("generation").asLong() + " " + offsets;
        } catch (RuntimeException notAnswering) {
            return null;
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
