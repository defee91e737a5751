package io.movierecs.index.ingest;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Reads the vector topic's {@code delete.retention.ms} (how long tombstones are kept after compaction), which
 * bounds the age of a snapshot that may be restored. Kafka unreachable: retried with capped backoff (ingest
 * cannot run without it anyway); a topic that does not exist or a config that cannot be read: the broker
 * default, 86400000.
 */
final class RetentionReader {

    static final long BROKER_DEFAULT_MS = 86_400_000L;
    private static final Logger log = LoggerFactory.getLogger(RetentionReader.class);

    private RetentionReader() {
    }

    static long deleteRetentionMs(Admin admin, String topic, Progress progress) throws InterruptedException {
        ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
        backOff.setMaxInterval(30_000);
        BackOffExecution execution = backOff.start();
        for (int attempt = 1; ; attempt++) {
            try {
                return read(admin, topic);
            } catch (TimeoutException e) {
                retry(progress, attempt, "timed out", execution);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException
                        || !(e.getCause() instanceof RetriableException)) {
                    log.warn("could not read {} of {} ({}); using the broker default {} ms",
                            TopicConfig.DELETE_RETENTION_MS_CONFIG, topic, e.getCause().toString(), BROKER_DEFAULT_MS);
                    return BROKER_DEFAULT_MS;
                }
                retry(progress, attempt, e.getCause().toString(), execution);
            }
        }
    }

    private static long read(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
        ConfigEntry entry = config == null ? null : config.get(TopicConfig.DELETE_RETENTION_MS_CONFIG);
        return entry == null || entry.value() == null ? BROKER_DEFAULT_MS : Long.parseLong(entry.value());
    }

    private static void retry(Progress progress, int attempt, String error, BackOffExecution execution)
            throws InterruptedException {
        long wait = execution.nextBackOff();
        String reason = "Kafka unreachable while reading delete.retention.ms: " + error;
        progress.waiting(reason);
        log.warn("{} (attempt {}); retrying in {} ms", reason, attempt, wait);
        Thread.sleep(wait);
    }
}
