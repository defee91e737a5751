package io.movierecs.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Decides every {@code health.probe-interval-ms} whether the worker made progress ({@link PipelineProgress}):
 * its stream threads processed records and committed since the last look (Kafka Streams' {@code process-total}
 * and {@code commit-total}), or it is idle and could work (the broker answers {@code describeCluster}, no input
 * lag). No progress while embeddings fail (movies are being retried), while Kafka Streams is not RUNNING, while
 * the broker does not answer, or while input waits and nothing is processed.
 */
@Component
class ProgressProbe implements SmartLifecycle {

    private static final int PROBE_TIMEOUT_MS = 3000;

    private final WorkerProperties worker;
    private final StreamsRunner runner;
    private final PipelineProgress progress;
    private final WorkerMetrics metrics;
    private ScheduledExecutorService timer;
    private Admin admin;
    private double processed;
    private double commits;

    ProgressProbe(WorkerProperties worker, StreamsRunner runner, PipelineProgress progress, WorkerMetrics metrics) {
        this.worker = worker;
        this.runner = runner;
        this.progress = progress;
        this.metrics = metrics;
    }

    @Override
    public synchronized void start() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, worker.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS,
                AdminClientConfig.CLIENT_ID_CONFIG, worker.applicationId() + "-progress-probe"));
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "progress-probe");
            thread.setDaemon(true);
            return thread;
        });
        long interval = worker.health().probeIntervalMs();
        timer.scheduleWithFixedDelay(this::probeSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void probeSafely() {
        try {
            probe();
        } catch (RuntimeException e) {
            progress.waiting("progress probe failed: " + e);
        }
    }

    void probe() {
        KafkaStreams streams = runner.streams();
        if (streams == null) {
            progress.brokerReachable(reachable() == null);
            progress.waiting(runner.status());
            return;
        }
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.RUNNING) {
            progress.started();
        }
        double nowProcessed = sum(streams, "process-total");
        double nowCommits = sum(streams, "commit-total");
        boolean moved = nowProcessed > processed && nowCommits > commits;
        boolean idle = nowProcessed == processed;
        processed = nowProcessed;
        commits = nowCommits;
        String unreachable = reachable();
        progress.brokerReachable(unreachable == null);
        Throwable embedding = metrics.embeddingFailure();
        if (embedding != null) {
            progress.waiting("embedding fails, the movies are retried: " + embedding);
        } else if (moved) {
            progress.progressed();
        } else if (state != KafkaStreams.State.RUNNING) {
            progress.waiting("Kafka Streams is " + state);
        } else if (unreachable != null) {
            progress.waiting("Kafka unreachable: " + unreachable);
        } else {
            double lag = lag(streams);
            if (idle && lag <= 0) {
                progress.progressed();
            } else {
                progress.waiting("input lag " + (long) lag + " and nothing processed and committed");
            }
        }
    }

    /** Null when the broker answers; else why not. */
    private String reachable() {
        try {
            admin.describeCluster().nodes().get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getCause() != null ? e.getCause().toString() : e.toString();
        }
    }

    private static double sum(KafkaStreams streams, String name) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            MetricName metric = entry.getKey();
            if (metric.name().equals(name) && metric.group().equals("stream-thread-metrics")) {
                total += value(entry.getValue());
            }
        }
        return total;
    }

    /** Records waiting in the input partitions assigned to the main consumers (not the restore consumers). */
    private static double lag(KafkaStreams streams) {
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            MetricName metric = entry.getKey();
            String client = metric.tags().getOrDefault("client-id", "");
            if (metric.name().equals("records-lag") && metric.group().equals("consumer-fetch-manager-metrics")
                    && metric.tags().containsKey("partition") && !client.endsWith("restore-consumer")) {
                lag += value(entry.getValue());
            }
        }
        return lag;
    }

    private static double value(Metric metric) {
        Object value = metric.metricValue();
        return value instanceof Number number && !Double.isNaN(number.doubleValue()) ? number.doubleValue() : 0;
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            admin.close(Duration.ofSeconds(5));
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
